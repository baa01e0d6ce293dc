from typing import Any

from django import forms

from hubwork.hubs.models import Hub
from hubwork.schools.models import School
from hubwork.workgroups.selectors.hub_pages import ENGAGED_THIS_YEAR, NOT_ENGAGED_THIS_YEAR

ENGAGEMENT_FILTERS = [
    (ENGAGED_THIS_YEAR, "Engaged this year"),
    (NOT_ENGAGED_THIS_YEAR, "Not engaged this year"),
]


class HubSchoolFilterForm(forms.Form):
    phase = forms.ChoiceField(
        label="Phase", choices=[("", "All phases"), *School.Phase.choices], required=False
    )
    local_authority = forms.ChoiceField(label="Local authority", required=False)
    # Engagement rides on the status filter, as the one more way to narrow the list down.
    status = forms.ChoiceField(
        label="Status",
        choices=[
            ("", "Any status"),
            ("School status", School.Status.choices),
            ("Engagement", ENGAGEMENT_FILTERS),
        ],
        required=False,
    )

    def __init__(self, *args: Any, hub: Hub, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["local_authority"].choices = [  # type: ignore[attr-defined]
            ("", "All local authorities"),
            *((la.code, la.name) for la in hub.local_authorities.order_by("name")),
        ]
