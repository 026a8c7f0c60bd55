from django.contrib import admin
from oscar.apps.partner.admin import *  # noqa: F403

from .models import SupportCompany, SupportGrant, SupportMember


class SupportMemberInline(admin.TabularInline):
    model = SupportMember
    raw_id_fields = ["user"]
    extra = 1


class SupportGrantInline(admin.TabularInline):
    """Grants are the producers' to give and take back (from their panel); staff read them."""

    model = SupportGrant
    fields = ["producer", "right", "granted_at", "granted_by", "revoked_at", "revoked_by"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(SupportCompany)
class SupportCompanyAdmin(admin.ModelAdmin):
    """Staff create a support company (طرح پشتیبان) and add the accounts that work for it."""

    list_display = ["name", "registration_number", "province", "is_active"]
    list_filter = ["is_active", "province"]
    search_fields = ["name", "registration_number"]
    inlines = [SupportMemberInline, SupportGrantInline]
