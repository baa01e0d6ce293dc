from typing import Any, cast

from django import forms

from hubwork.accounts.models import User
from hubwork.core.academic_years import AcademicYear
from hubwork.core.forms import ModelChoiceField, ModelMultipleChoiceField, SingleLineCharField
from hubwork.hubs.models import Hub
from hubwork.programmes.models import Mode, Programme
from hubwork.workgroups.forms.sessions import DATE
from hubwork.workgroups.models import Allocation, WorkGroup
from hubwork.workgroups.selectors.hub_work_groups import lead_choices


class LeadChoiceField(ModelMultipleChoiceField[User]):
    def label_from_instance(self, obj: User) -> str:
        return f"{obj.display_name} ({obj.email})"


class WorkGroupForm(forms.Form):
    programme = ModelChoiceField(queryset=Programme.objects.all(), empty_label="Choose")
    academic_year = forms.TypedChoiceField(label="Academic year", coerce=int)
    code = SingleLineCharField(
        max_length=30, help_text="Your hub's reference, for example GLOW-SfM-26-01."
    )
    title = SingleLineCharField(
        max_length=200, help_text="What teachers will see in the catalogue."
    )
    description = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Who it is for, what participants will do and what they will take away.",
    )
    leads = LeadChoiceField(
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text="LLMEs of this hub. Co-leads are normal.",
    )
    capacity = forms.IntegerField(min_value=1, max_value=500, label="Places in all")
    per_school_limit = forms.IntegerField(
        min_value=1, max_value=50, initial=2, label="Places one school may take"
    )
    mode = forms.ChoiceField(choices=Mode.choices, widget=forms.RadioSelect)
    venue = SingleLineCharField(
        required=False,
        max_length=200,
        label="Venue or area",
        help_text="Where it usually meets, or the area it serves if it meets online.",
    )
    recruitment_closes_on = forms.DateField(
        required=False, label="Recruitment closes on", widget=DATE
    )
    # Not required, so a form posted without them keeps what the Work Group has (or the
    # defaults for a new one); the page always shows and posts them.
    allocation = forms.ChoiceField(
        required=False,
        label="How are places given?",
        choices=[
            (
                Allocation.FIRST_COME,
                "First come, first served: people get a place straight away while places "
                "last, then join a waiting list",
            ),
            (
                Allocation.REVIEW,
                "Hub review: everyone registers interest, and the leads choose who to offer "
                "places to",
            ),
        ],
        initial=Allocation.FIRST_COME,
        widget=forms.RadioSelect,
    )
    offer_hours = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=720,
        initial=72,
        label="Hours to accept an offered place",
        help_text="If someone does not accept in time, the offer lapses and the place "
        "moves on. 72 hours is 3 days.",
    )

    def clean(self) -> dict[str, Any]:
        cleaned_data = super().clean() or {}
        for name in ("allocation", "offer_hours"):
            if cleaned_data.get(name) in (None, ""):
                cleaned_data.pop(name, None)
        return cleaned_data

    def __init__(self, *args: Any, hub: Hub, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        this_year = AcademicYear.current()
        years = [this_year.previous(), this_year, this_year.next(), this_year.next().next()]
        self.fields["academic_year"].choices = [  # type: ignore[attr-defined]
            (year.start_year, year.label) for year in years
        ]
        self.fields["academic_year"].initial = this_year.start_year
        leads_field = cast(LeadChoiceField, self.fields["leads"])
        leads_field.queryset = lead_choices(hub=hub)

    @classmethod
    def initial_for(cls, work_group: WorkGroup) -> dict[str, Any]:
        return {
            "programme": work_group.programme_id,
            "academic_year": work_group.academic_year,
            "code": work_group.code,
            "title": work_group.title,
            "description": work_group.description,
            "leads": list(work_group.leads.values_list("pk", flat=True)),
            "capacity": work_group.capacity,
            "per_school_limit": work_group.per_school_limit,
            "mode": work_group.mode,
            "venue": work_group.venue,
            "recruitment_closes_on": work_group.recruitment_closes_on,
            "allocation": work_group.allocation,
            "offer_hours": work_group.offer_hours,
        }


class WorkGroupStatusForm(forms.Form):
    status = forms.ChoiceField(choices=WorkGroup.Status.choices, widget=forms.RadioSelect)
