from django.contrib import admin

from chengnuo.layout.admin_readonly import ReadOnlyAdmin

from .models import LedgerEntry


@admin.register(LedgerEntry)
class LedgerEntryAdmin(ReadOnlyAdmin):
    list_display = ["sequence", "recorded_at", "kind", "subject", "fingerprint"]
    search_fields = ["subject", "hash"]
    show_full_result_count = False
