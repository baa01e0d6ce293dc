from django.contrib import admin
from django.forms import ModelForm
from django.http import HttpRequest

from hubwork.core.audit import audit
from hubwork.hubs.models import Hub, HubRole
from hubwork.hubs.services import hub_role_grant


@admin.register(Hub)
class HubAdmin(admin.ModelAdmin[Hub]):
    list_display = ["name", "slug", "email"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(HubRole)
class HubRoleAdmin(admin.ModelAdmin[HubRole]):
    list_display = ["user", "hub", "role", "phase", "starts_on", "ends_on"]
    list_filter = ["role", "phase", "hub"]
    search_fields = ["user__email", "user__display_name", "hub__name"]
    autocomplete_fields = ["user", "hub"]

    def save_model(
        self, request: HttpRequest, obj: HubRole, form: ModelForm[HubRole], change: bool
    ) -> None:
        # Grants go through the service so they are audited like any other.
        if change:
            super().save_model(request, obj, form, change)
            audit(request.user, "hub_role.changed", obj, changed=form.changed_data)
        else:
            saved = hub_role_grant(
                hub=obj.hub,
                user=obj.user,
                role=obj.role,
                phase=obj.phase,
                starts_on=obj.starts_on,
                by=request.user,  # type: ignore[arg-type]
            )
            obj.pk = saved.pk
