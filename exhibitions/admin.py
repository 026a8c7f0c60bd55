from django.contrib import admin

from .models import Booth, BoothApplication, Exhibition, OpeningHours, Organizer, Venue


@admin.register(Organizer)
class OrganizerAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "province", "is_active")
    filter_horizontal = ("users",)


@admin.register(Venue)
class VenueAdmin(admin.ModelAdmin):
    list_display = ("name", "organizer", "province", "city")


class HoursInline(admin.TabularInline):
    model = OpeningHours
    extra = 0


class BoothInline(admin.TabularInline):
    model = Booth
    extra = 0


@admin.register(Exhibition)
class ExhibitionAdmin(admin.ModelAdmin):
    list_display = ("title", "organizer", "kind", "status", "starts_on", "ends_on")
    list_filter = ("status", "kind")
    prepopulated_fields = {"slug": ("title",)}
    inlines = [HoursInline, BoothInline]


@admin.register(BoothApplication)
class BoothApplicationAdmin(admin.ModelAdmin):
    list_display = ("producer", "exhibition", "status", "fee_rials", "created_at")
    list_filter = ("status",)
    raw_id_fields = ("producer", "exhibition", "products", "crafts")
