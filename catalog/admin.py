from django.contrib import admin
from oscar.apps.catalogue.admin import *  # noqa: F403

from .models import City, Province


class CityInline(admin.TabularInline):
    model = City
    extra = 0


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ("code", "name_fa", "name_en")
    search_fields = ("name_fa", "name_en", "code")
    inlines = [CityInline]
