"""Evidence in the admin: looked at, never added or changed there (files are checked and
stored by the app's own pages, evidence/actions.py)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from evidence.models import Evidence


@admin.register(Evidence)
class EvidenceAdmin(SimpleHistoryAdmin):
    list_display = ["title", "content_type", "object_id", "media_type", "size", "uploaded_at"]
    list_filter = ["agreement", "content_type"]
    search_fields = ["title", "url", "file"]
    readonly_fields = ["agreement", "content_type", "object_id", "title", "file", "url", "size",
                       "media_type", "uploaded_by", "uploaded_at"]  # fmt: skip

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
