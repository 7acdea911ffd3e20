from django.contrib import admin

from chengnuo.layout.admin_readonly import ReadOnlyAdmin

from .models import OverdueRecord, QuarterlyReview


@admin.register(QuarterlyReview)
class QuarterlyReviewAdmin(ReadOnlyAdmin):
    list_display = ["organization", "cycle", "quarter", "number", "filed_at", "filed_by"]
    list_select_related = ["organization", "cycle__organization", "filed_by"]
    show_full_result_count = False


@admin.register(OverdueRecord)
class OverdueRecordAdmin(ReadOnlyAdmin):
    list_display = ["kind", "description", "organization", "due_on", "detected_on",
                    "resolved_on"]
    list_filter = ["kind"]
    list_select_related = ["organization"]
    search_fields = ["subject_key"]
    show_full_result_count = False
