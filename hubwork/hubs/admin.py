from django import forms
from django.contrib import admin, messages
from django.forms import ModelForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path

from hubwork.core.audit import audit
from hubwork.core.imports import UnreadableFileError
from hubwork.hubs.importers import hub_areas_import
from hubwork.hubs.models import Accreditation, Hub, HubArea, HubRole
from hubwork.hubs.services import hub_role_grant


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
class HubAdmin(admin.ModelAdmin[Hub]):
    list_display = ["name", "slug", "email"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["lead_schools"]
    inlines = [HubAreaInline]
    change_list_template = "admin/hubs/hub/change_list.html"

    def get_urls(self) -> list[URLPattern]:
        return [
            path(
                "import-areas/",
                self.admin_site.admin_view(self.import_areas_view),
                name="hubs_hub_import_areas",
            ),
            *super().get_urls(),
        ]

    def import_areas_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_change_permission(request):
            return redirect("admin:index")
        form = HubAreaUploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                report = hub_areas_import(file=form.cleaned_data["file"], by=request.user)  # type: ignore[arg-type]
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


@admin.register(Accreditation)
class AccreditationAdmin(admin.ModelAdmin[Accreditation]):
    list_display = ["user", "kind", "year_achieved"]
    list_filter = ["kind", "year_achieved"]
    search_fields = ["user__email", "user__display_name"]
    autocomplete_fields = ["user"]
