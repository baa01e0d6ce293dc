"""The public "Find your Maths Hub" page: search for a school, see its local hub."""

from dataclasses import dataclass
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from hubwork.core.forms import SingleLineCharField
from hubwork.core.numbers import positive_int
from hubwork.hubs.models import Hub
from hubwork.schools.models import School
from hubwork.schools.selectors import (
    LARGEST_URN,
    MAX_QUERY_LENGTH,
    MIN_QUERY_LENGTH,
    school_label,
    school_with_urn,
    search_schools,
)

RESULTS_LIMIT = 50
QUERY_LABEL = "School name, URN, postcode or town"


class FindYourHubForm(forms.Form):
    q = SingleLineCharField(
        label=QUERY_LABEL,
        help_text="For example, Hillside Primary, 100000 or B1 1AA.",
        required=False,
        min_length=MIN_QUERY_LENGTH,
        max_length=MAX_QUERY_LENGTH,
        error_messages={
            "min_length": f"{QUERY_LABEL} must be {MIN_QUERY_LENGTH} characters or more",
            "max_length": f"{QUERY_LABEL} must be {MAX_QUERY_LENGTH} characters or fewer",
            "null_characters_not_allowed": f"{QUERY_LABEL} must not contain null characters",
        },
        widget=forms.TextInput(attrs={"spellcheck": "false", "autocomplete": "off"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # school-search.mjs turns this box into suggestions as you type; choosing one
        # opens this page for that school.
        self.fields["q"].widget.attrs.update(
            {
                "data-module": "hubwork-school-search",
                "data-search-url": reverse("hubs:school_search"),
                "data-on-confirm": "navigate",
                "data-navigate-url": reverse("hubs:find"),
            }
        )


@dataclass(frozen=True)
class SchoolWithLocalHub:
    school: School
    hub: Hub | None


@require_GET
def find_your_hub(request: HttpRequest) -> HttpResponse:
    """Search by school name, URN, postcode or town; `?urn=` shows one school. Public."""
    data = request.GET.copy()
    searched = False
    schools: list[School] = []
    more = False
    urn = request.GET.get("urn", "").strip()

    if urn:
        searched = True
        number = positive_int(urn, maximum=LARGEST_URN)
        school = school_with_urn(urn=number) if number else None
        schools = [school] if school else []
        if school and not data.get("q"):
            # Show what was chosen in the box, as the suggestions left it.
            data["q"] = school_label(school)
        form = FindYourHubForm(data)
        form.is_valid()
    else:
        form = FindYourHubForm(data if data else None)
        if form.is_valid() and form.cleaned_data["q"]:
            searched = True
            schools = search_schools(query=form.cleaned_data["q"], limit=RESULTS_LIMIT + 1)
            more = len(schools) > RESULTS_LIMIT
            schools = schools[:RESULTS_LIMIT]

    return render(
        request,
        "hubs/find.html",
        {
            "form": form,
            "searched": searched,
            "urn": urn,
            "results": [SchoolWithLocalHub(school, _local_hub(school)) for school in schools],
            "more": more,
            "results_limit": RESULTS_LIMIT,
        },
    )


def _local_hub(school: School) -> Hub | None:
    """The hub whose area covers the school's local authority (already selected)."""
    if school.local_authority is None:
        return None
    hub_area = getattr(school.local_authority, "hub_area", None)
    return hub_area.hub if hub_area else None
