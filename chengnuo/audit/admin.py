from django.contrib import admin

from chengnuo.layout.admin_readonly import ReadOnlyAdmin

from .models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "actor", "action", "subject_label"]
    list_select_related = ["actor"]
    list_filter = ["action"]
    search_fields = ["subject_label"]
    show_full_result_count = False
