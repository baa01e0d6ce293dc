from django.contrib import admin

from hubwork.schools.models import School


@admin.register(School)
class SchoolAdmin(admin.ModelAdmin[School]):
    list_display = ["name", "urn", "phase", "local_authority_name", "postcode", "status"]
    list_filter = ["status", "phase"]
    search_fields = ["name", "=urn", "postcode", "town"]
