from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

# Django admin is for system admins only, whatever staff flags an account carries.
admin.site.has_permission = lambda request: (
    request.user.is_active and request.user.is_superuser)

urlpatterns = [
    path("", include("chengnuo.accounts.urls")),
    path("", include("chengnuo.organizations.urls")),
    path("", include("chengnuo.members.urls")),
    path("", include("chengnuo.roster.urls")),
    path("", include("chengnuo.cycles.urls")),
    path("", include("chengnuo.suggestions.urls")),
    path("", include("chengnuo.pledges.urls")),
    path("", include("chengnuo.worklists.urls")),
    path("", include("chengnuo.boards.urls")),
    path("", include("chengnuo.evidence.urls")),
    path("", include("chengnuo.notifications.urls")),
    path("", include("chengnuo.progress.urls")),
    path("", include("chengnuo.deeds.urls")),
    path("", include("chengnuo.supervision.urls")),
    path("", include("chengnuo.notices.urls")),
    path("", include("chengnuo.layout.urls")),
    path("admin/", admin.site.urls),
]
if not settings.PRODUCTION:
    # Embedded runs serve uploads (member photos) themselves; production serves them from
    # the reverse proxy or an object store (docs/deployment.md).
    urlpatterns.append(re_path(r"^media/(?P<path>.+)$", serve,
                               {"document_root": settings.MEDIA_ROOT}))
