from django.contrib import admin

from hubwork.programmes.models import IntendedOutcome, Programme, ProgrammePhase


class ProgrammePhaseInline(admin.TabularInline[ProgrammePhase, Programme]):
    model = ProgrammePhase
    extra = 1


class IntendedOutcomeInline(admin.TabularInline[IntendedOutcome, Programme]):
    model = IntendedOutcome
    extra = 1


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin[Programme]):
    list_display = ["name", "kind", "recommended_sessions", "recommended_mode"]
    list_filter = ["kind"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ProgrammePhaseInline, IntendedOutcomeInline]
