from django.contrib import admin

from chengnuo.layout.admin_readonly import ReadOnlyAdmin

from .models import RoleGrant


@admin.register(RoleGrant)
class RoleGrantAdmin(ReadOnlyAdmin):
    list_display = ["user", "role", "organization", "granted_at"]
    list_select_related = ["user", "organization"]
    list_filter = ["role"]
    search_fields = ["user__username", "organization__name"]
