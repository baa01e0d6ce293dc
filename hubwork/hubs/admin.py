"""The national team edits hubs, their areas, team roles and LLMEs' accreditations here; every
save and delete goes through `hubs.services`, which validates and audits it."""

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.forms import BaseFormSet, ModelForm
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path

from hubwork.accounts.types import AuthenticatedRequest
from hubwork.core.admin import ServiceAdmin, inline_rows
from hubwork.core.imports import UnreadableFileError
from hubwork.hubs.importers import hub_areas_import
from hubwork.hubs.models import Accreditation, Hub, HubArea, HubRole
from hubwork.hubs.services import (
    accreditation_delete,
    accreditation_save,
    hub_delete,
    hub_role_delete,
    hub_role_grant,
    hub_role_update,
    hub_save,
)


class HubAreaInline(admin.TabularInline[HubArea, Hub]):
    model = HubArea
    extra = 1
    autocomplete_fields = ["local_authority"]


class HubAreaUploadForm(forms.Form):
    file = forms.FileField(
        label="CSV file",
        help_text="Columns: hub (slug or name), la_code. One row per local authority.",
    )


@admin.register(Hub)
class HubAdmin(ServiceAdmin[Hub]):
    list_display = ["name", "slug", "email"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["lead_schools"]
    inlines = [HubAreaInline]
    change_list_template = "admin/hubs/hub/change_list.html"
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def service_save(
        self,
        request: AuthenticatedRequest,
        obj: Hub,
        form: ModelForm[Hub],
        formsets: list[BaseFormSet[Any]],
        change: bool,
    ) -> None:
        areas = inline_rows(formsets, HubArea)
        hub_save(
            hub=obj,
            local_authorities=None if areas is None else [row["local_authority"] for row in areas],
            lead_schools=form.cleaned_data.get("lead_schools"),
            by=request.user,
        )

    def service_delete(self, request: AuthenticatedRequest, obj: Hub) -> None:
        hub_delete(hub=obj, by=request.user)

    def get_urls(self) -> list[URLPattern]:
        return [
            path(
                "import-areas/",
                self.admin_site.admin_view(self.import_areas_view),
                name="hubs_hub_import_areas",
            ),
            *super().get_urls(),
        ]

    def import_areas_view(self, request: AuthenticatedRequest) -> HttpResponse:
        if not self.has_change_permission(request):
            return redirect("admin:index")
        form = HubAreaUploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                report = hub_areas_import(file=form.cleaned_data["file"], by=request.user)
            except UnreadableFileError as error:
                form.add_error("file", str(error))
            else:
                messages.success(request, f"Hub areas imported: {report.summary()}")
                for line, reason in report.rejected:
                    messages.warning(request, f"Line {line} was not imported: {reason}.")
                return redirect("admin:hubs_hub_changelist")
        context = {
            **self.admin_site.each_context(request),
            "form": form,
            "title": "Import hub areas",
        }
        return TemplateResponse(request, "admin/hubs/hub/import_areas.html", context)


@admin.register(HubRole)
class HubRoleAdmin(ServiceAdmin[HubRole]):
    list_display = ["user", "hub", "role", "phase", "starts_on", "ends_on"]
    list_filter = ["role", "phase", "hub"]
    search_fields = ["user__email", "user__display_name", "hub__name"]
    autocomplete_fields = ["user", "hub"]

    def service_save(
        self,
        request: AuthenticatedRequest,
        obj: HubRole,
        form: ModelForm[HubRole],
        formsets: list[BaseFormSet[Any]],
        change: bool,
    ) -> None:
        if change:
            hub_role_update(hub_role=obj, by=request.user)
            return
        granted = hub_role_grant(
            hub=obj.hub,
            user=obj.user,
            role=obj.role,
            phase=obj.phase,
            starts_on=obj.starts_on,
            by=request.user,
        )
        # The same current role may already be there: the admin then shows that one.
        obj.pk = granted.pk

    def service_delete(self, request: AuthenticatedRequest, obj: HubRole) -> None:
        hub_role_delete(hub_role=obj, by=request.user)


@admin.register(Accreditation)
class AccreditationAdmin(ServiceAdmin[Accreditation]):
    list_display = ["user", "kind", "year_achieved"]
    list_filter = ["kind", "year_achieved"]
    search_fields = ["user__email", "user__display_name"]
    autocomplete_fields = ["user"]

    def service_save(
        self,
        request: AuthenticatedRequest,
        obj: Accreditation,
        form: ModelForm[Accreditation],
        formsets: list[BaseFormSet[Any]],
        change: bool,
    ) -> None:
        accreditation_save(accreditation=obj, by=request.user)

    def service_delete(self, request: AuthenticatedRequest, obj: Accreditation) -> None:
        accreditation_delete(accreditation=obj, by=request.user)
