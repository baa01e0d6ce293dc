"""The national team edits programme designs here; every save and delete goes through
`programmes.services`, which validates and audits it."""

from typing import Any

from django.contrib import admin
from django.forms import BaseFormSet, ModelForm

from hubwork.accounts.types import AuthenticatedRequest
from hubwork.core.admin import ServiceAdmin, inline_rows
from hubwork.programmes.models import IntendedOutcome, Programme, ProgrammePhase
from hubwork.programmes.services import OutcomeData, programme_delete, programme_save


class ProgrammePhaseInline(admin.TabularInline[ProgrammePhase, Programme]):
    model = ProgrammePhase
    extra = 1


class IntendedOutcomeInline(admin.TabularInline[IntendedOutcome, Programme]):
    model = IntendedOutcome
    extra = 1


@admin.register(Programme)
class ProgrammeAdmin(ServiceAdmin[Programme]):
    list_display = ["name", "kind", "recommended_sessions", "recommended_mode", "accreditation"]
    list_filter = ["kind", "accreditation"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ProgrammePhaseInline, IntendedOutcomeInline]

    def service_save(
        self,
        request: AuthenticatedRequest,
        obj: Programme,
        form: ModelForm[Programme],
        formsets: list[BaseFormSet[Any]],
        change: bool,
    ) -> None:
        phases = inline_rows(formsets, ProgrammePhase)
        outcomes = inline_rows(formsets, IntendedOutcome)
        programme_save(
            programme=obj,
            phases=None if phases is None else [row["phase"] for row in phases],
            outcomes=None
            if outcomes is None
            else [
                OutcomeData(area=row["area"], text=row["text"], position=row["position"])
                for row in outcomes
            ],
            by=request.user,
        )

    def service_delete(self, request: AuthenticatedRequest, obj: Programme) -> None:
        programme_delete(programme=obj, by=request.user)
