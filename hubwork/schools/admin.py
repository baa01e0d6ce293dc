from django.contrib import admin

from hubwork.schools.models import LocalAuthority, School


@admin.register(LocalAuthority)
class LocalAuthorityAdmin(admin.ModelAdmin[LocalAuthority]):
    list_display = ["name", "code"]
    search_fields = ["name", "=code"]


@admin.register(School)
class SchoolAdmin(admin.ModelAdmin[School]):
    list_display = ["name", "urn", "phase", "local_authority", "postcode", "status"]
    list_filter = ["status", "phase"]
    list_select_related = ["local_authority"]
    search_fields = ["name", "=urn", "postcode", "town"]
    autocomplete_fields = ["local_authority"]
