"""The catalogue's filters. Every one is a GET parameter, so every state has its own address."""

from typing import Any

import django_filters  # type: ignore[import-untyped]
from django import forms
from django.db.models import Q
from django.http import QueryDict

from hubwork.core.academic_years import AcademicYear
from hubwork.core.choices import Phase
from hubwork.programmes.models import Mode, ProgrammePhase
from hubwork.workgroups.models import WorkGroup, WorkGroupQuerySet
from hubwork.workgroups.selectors.catalogue import (
    catalogue_years,
    hub_choices,
    programme_choices,
)

ALL_YEARS = "all"
# More words than this is not a search anyone types; it only makes a longer query.
MAX_WORDS = 8
WORD_FIELDS = ["title", "programme__name", "description", "venue", "hub__name"]


class CheckboxFilter(django_filters.Filter):
    """A tick box: ticked filters, unticked does nothing (django-filter's own is yes/no/unknown)."""

    field_class = forms.BooleanField


class CatalogueFilter(django_filters.FilterSet):
    """Filters for the public catalogue; an invalid value gets a message and is ignored."""

    q = django_filters.CharFilter(
        label="Search",
        method="filter_words",
        max_length=100,
        help_text="Words from the title, programme, description, venue or hub.",
    )
    year = django_filters.ChoiceFilter(
        label="Academic year",
        method="filter_year",
        empty_label=None,
        error_messages={"invalid_choice": "Choose an academic year from the list."},
    )
    phase = django_filters.ChoiceFilter(
        label="Phase",
        choices=Phase.choices,
        method="filter_phase",
        empty_label="All phases",
        error_messages={"invalid_choice": "Choose a phase from the list."},
    )
    hub = django_filters.ChoiceFilter(
        label="Maths Hub",
        field_name="hub__slug",
        empty_label="All Maths Hubs",
        error_messages={"invalid_choice": "Choose a Maths Hub from the list."},
    )
    programme = django_filters.ChoiceFilter(
        label="Programme",
        field_name="programme__slug",
        empty_label="All programmes",
        error_messages={"invalid_choice": "Choose a programme from the list."},
    )
    mode = django_filters.ChoiceFilter(
        label="How it meets",
        choices=Mode.choices,
        empty_label="Any way",
        error_messages={"invalid_choice": "Choose how it meets from the list."},
    )
    places = CheckboxFilter(
        label="Only Work Groups with places available",
        widget=forms.CheckboxInput(attrs={"value": "yes"}),
        method="filter_places",
    )

    class Meta:
        model = WorkGroup
        fields: list[str] = []

    def __init__(self, data: QueryDict | None = None, *args: Any, **kwargs: Any) -> None:
        # No year given means this academic year: the offer people can still join.
        if data is not None and not data.get("year"):
            data = data.copy()
            data["year"] = AcademicYear.current().label
        super().__init__(data, *args, **kwargs)
        # Choices are lists made here, once, so that validating and rendering the form
        # run one query each rather than one each time the choices are read.
        current = AcademicYear.current().start_year
        years = sorted({current, *catalogue_years()}, reverse=True)
        self.filters["year"].extra["choices"] = [
            *((AcademicYear(year).label, AcademicYear(year).label) for year in years),
            (ALL_YEARS, "All years"),
        ]
        self.filters["hub"].extra["choices"] = hub_choices()
        self.filters["programme"].extra["choices"] = programme_choices()

    def filter_queryset(self, queryset: WorkGroupQuerySet) -> WorkGroupQuerySet:
        filtered: WorkGroupQuerySet = super().filter_queryset(queryset)
        if "year" not in self.form.cleaned_data:
            # An academic year we could not read falls back to the default, the current one.
            filtered = filtered.in_year(AcademicYear.current())
        return filtered

    def filter_year(self, queryset: WorkGroupQuerySet, name: str, value: str) -> WorkGroupQuerySet:
        if value == ALL_YEARS:
            return queryset
        return queryset.in_year(AcademicYear.from_label(value))

    def filter_phase(self, queryset: WorkGroupQuerySet, name: str, value: str) -> WorkGroupQuerySet:
        # A subquery rather than a join, so a programme spanning two phases is listed once.
        programmes = ProgrammePhase.objects.filter(phase=value).values("programme")
        return queryset.filter(programme__in=programmes)

    def filter_places(
        self, queryset: WorkGroupQuerySet, name: str, value: bool
    ) -> WorkGroupQuerySet:
        if not value:
            return queryset
        # `recruiting` means open for interest with the closing date not yet passed.
        # (Q objects, because the type checker cannot see annotations on this queryset.)
        return queryset.filter(Q(recruiting=True), Q(places_left__gt=0))

    def filter_words(self, queryset: WorkGroupQuerySet, name: str, value: str) -> WorkGroupQuerySet:
        """Each word must appear in one of WORD_FIELDS (any of them, in any case)."""
        for word in value.split()[:MAX_WORDS]:
            matches = Q()
            for field in WORD_FIELDS:
                matches |= Q(**{f"{field}__icontains": word})
            queryset = queryset.filter(matches)
        return queryset
