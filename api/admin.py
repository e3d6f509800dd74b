from django.contrib import admin

from api.models import ApiToken, IdempotentWrite, Publication


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "hint", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["key_hash", "hint", "created_at", "last_used_at", "revoked_at"]


@admin.register(IdempotentWrite)
class IdempotentWriteAdmin(admin.ModelAdmin):
    list_display = ["key", "user", "status", "created_at"]


@admin.register(Publication)
class PublicationAdmin(admin.ModelAdmin):
    list_display = ["agreement", "is_published", "published_at"]
