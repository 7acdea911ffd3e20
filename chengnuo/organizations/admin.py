from django.contrib import admin

from chengnuo.layout.admin_readonly import ReadOnlyAdmin

from .models import Organization, Post


@admin.register(Organization)
class OrganizationAdmin(ReadOnlyAdmin):
    list_display = ["name", "kind", "sector", "path", "slug"]
    list_filter = ["kind", "sector"]
    search_fields = ["name", "slug"]
    show_full_result_count = False


@admin.register(Post)
class PostAdmin(ReadOnlyAdmin):
    list_display = ["name", "organization"]
    list_select_related = ["organization"]
    search_fields = ["name"]
