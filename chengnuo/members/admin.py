from django.contrib import admin

from chengnuo.layout.admin_readonly import ReadOnlyAdmin

from .models import Member


@admin.register(Member)
class MemberAdmin(ReadOnlyAdmin):
    list_display = ["name", "organization", "gender", "joined_date"]
    list_select_related = ["organization"]
    search_fields = ["name", "phone"]
    show_full_result_count = False
