from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from simple_history.admin import SimpleHistoryAdmin

from partnerships import sessions, two_factor
from partnerships.conflicts import VersionedAdminMixin
from partnerships.models import (
    Agreement,
    Area,
    Document,
    Invitation,
    Membership,
    Organisation,
    Outcome,
    Partnership,
    Person,
    ReminderPreference,
    SentReminder,
    SignedInSession,
    SignInEvent,
    Theme,
    User,
)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "is_staff", "is_active"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Name", {"fields": ("first_name", "last_name")}),
        ("Permissions", {"fields": ("is_active", "is_staff", "is_superuser")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)
    actions = ["reset_two_factor"]

    @admin.action(description="Reset two-factor authentication (lost device) and sign out")
    def reset_two_factor(self, request, queryset):  # type: ignore[no-untyped-def]
        """As `manage.py reset_two_factor EMAIL` (docs/security.md)."""
        for user in queryset:
            two_factor.two_factor_reset(user=user)
            sessions.sessions_end(user=user)
        self.message_user(request, f"Two-factor authentication reset for {queryset.count()}.")


@admin.register(Area)
class AreaAdmin(VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ["name", "code", "kind", "parent", "is_priority"]
    list_filter = ["kind", "is_priority"]
    search_fields = ["name", "code"]
    raw_id_fields = ["parent"]


@admin.register(Agreement)
class AgreementAdmin(SimpleHistoryAdmin):
    list_display = ["name", "starts_on", "ends_on", "government_office"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Organisation)
class OrganisationAdmin(VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ["name", "kind", "agreement"]
    list_filter = ["agreement", "kind"]
    search_fields = ["name"]


@admin.register(Person)
class PersonAdmin(VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ["name", "organisation", "job_title", "agreement", "user"]
    list_filter = ["agreement"]
    search_fields = ["name", "email"]
    raw_id_fields = ["user"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["person"]


@admin.register(Partnership)
class PartnershipAdmin(VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ["name", "kind", "reports_to", "agreement"]
    list_filter = ["agreement", "kind"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["person", "partnership", "role", "starts_on", "ends_on"]
    list_filter = ["role", "partnership__agreement"]
    raw_id_fields = ["person", "partnership"]


class OutcomeInline(admin.TabularInline):
    model = Outcome
    extra = 0
    raw_id_fields = ["owner", "parent"]


@admin.register(Theme)
class ThemeAdmin(VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ["name", "partnership", "agreement", "order"]
    list_filter = ["agreement"]
    inlines = [OutcomeInline]


@admin.register(Outcome)
class OutcomeAdmin(VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ["code", "title", "theme", "priority", "owner"]
    list_filter = ["priority", "theme__agreement"]
    search_fields = ["code", "title"]
    raw_id_fields = ["theme", "parent", "owner"]


@admin.register(ReminderPreference)
class ReminderPreferenceAdmin(SimpleHistoryAdmin):
    list_display = ["person"]
    raw_id_fields = ["person"]


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Records kept as evidence (what was approved, what was sent): looked at, never added,
    changed or deleted in the admin."""

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """PDFs and Word files built by the worker (partnerships/background.py): looked at, or
    deleted so that the next download builds them again; never made or changed here."""

    list_display = ["title", "agreement", "status", "size", "requested_at", "finished_at"]
    list_filter = ["status"]
    search_fields = ["title", "filename"]

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(SentReminder)
class SentReminderAdmin(ReadOnlyAdmin):
    """What was e-mailed, kept so nothing is sent twice."""

    list_display = ["__str__", "sent_at", "queued_at", "attempts", "failed_at"]


@admin.register(Invitation)
class InvitationAdmin(SimpleHistoryAdmin):
    list_display = ["email", "agreement", "created_at", "expires_at", "accepted_at", "withdrawn_at"]
    list_filter = ["agreement"]
    search_fields = ["email"]
    raw_id_fields = ["person", "membership", "created_by"]
    readonly_fields = ["token_hash"]


@admin.register(SignInEvent)
class SignInEventAdmin(ReadOnlyAdmin):
    """The sign-in log (partnerships/signins.py)."""

    list_display = ["at", "email", "method", "provider", "is_success", "ip_address"]
    list_filter = ["is_success", "method"]
    search_fields = ["email"]


@admin.register(SignedInSession)
class SignedInSessionAdmin(ReadOnlyAdmin):
    """Where people are signed in (partnerships/sessions.py)."""

    list_display = ["user", "ip_address", "created_at", "last_seen"]
    search_fields = ["user__email"]
