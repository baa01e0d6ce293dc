from django.contrib import admin

from hubwork.core.admin import ReadOnlyAdmin
from hubwork.schools.models import LocalAuthority, School

# Schools and local authorities come from the national register: the GIAS import
# (`import_schools`) is their only writer, so the admin shows them read-only.


@admin.register(LocalAuthority)
class LocalAuthorityAdmin(ReadOnlyAdmin[LocalAuthority]):
    list_display = ["name", "code"]
    search_fields = ["name", "=code"]


@admin.register(School)
class SchoolAdmin(ReadOnlyAdmin[School]):
    list_display = ["name", "urn", "phase", "local_authority", "postcode", "status"]
    list_filter = ["status", "phase"]
    list_select_related = ["local_authority"]
    search_fields = ["name", "=urn", "postcode", "town"]
