from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

# Django admin is for system admins only, whatever staff flags an account carries.
admin.site.has_permission = lambda request: (
    request.user.is_active and request.user.is_superuser)

urlpatterns = [
    path("", include("chengnuo.accounts.urls")),
    path("", include("chengnuo.organizations.urls")),
    path("", include("chengnuo.members.urls")),
    path("", include("chengnuo.roster.urls")),
    path("", include("chengnuo.layout.urls")),
    path("admin/", admin.site.urls),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
