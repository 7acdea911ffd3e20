"""Django admin for system admins, read-only for the domain: every change to organizations,
members, roles and the ledger goes through the services, which check and audit it."""

from django.contrib import admin


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
