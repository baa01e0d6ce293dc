"""Forms of a research project's pages: its details, the readings it builds on, a school's
consent to be named and the leads' status steps."""

from typing import Any

from django import forms

from hubwork.core.forms import ModelMultipleChoiceField, SingleLineCharField
from hubwork.research.models import ProjectYear, ResearchProject, Theme


class ProjectForm(forms.Form):
    """The project's details, its themes and each year's timeline (`timeline_<number>`)."""

    title = SingleLineCharField(label="Title", max_length=200)
    question = forms.CharField(
        label="Research question",
        required=False,
        max_length=2000,
        help_text="One question your enquiry cycles answer together. For example: "
        "“Does structured talk help Year 8 pupils explain their reasoning?”",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    context = forms.CharField(
        label="Context",
        required=False,
        max_length=5000,
        help_text="Why this question, in these schools.",
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    method = forms.CharField(
        label="Method",
        required=False,
        max_length=5000,
        help_text="How your enquiry cycles will run: what you plan, how you act, what you "
        "observe and how you reflect.",
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    themes = ModelMultipleChoiceField(
        label="Themes",
        required=False,
        queryset=Theme.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
    )
    ethics_school_agrees = forms.BooleanField(
        label="Each participant's school knows about the project and agrees", required=False
    )
    ethics_no_identifying_data = forms.BooleanField(
        label="No data that identifies a pupil is collected", required=False
    )
    ethics_aggregate_only = forms.BooleanField(
        label="Only aggregate data (counts, totals, averages) is recorded", required=False
    )

    def __init__(self, *args: Any, years: list[ProjectYear], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.years = years
        for year in years:
            self.fields[f"timeline_{year.number}"] = forms.CharField(
                label=f"Timeline for year {year.number} ({year.work_group.year.label})",
                required=False,
                max_length=5000,
                help_text="What happens when: one step a line, with its month. For example "
                "“October: first enquiry cycle”.",
                widget=forms.Textarea(attrs={"rows": 5}),
            )

    @staticmethod
    def initial_for(project: ResearchProject, years: list[ProjectYear]) -> dict[str, Any]:
        initial: dict[str, Any] = {
            name: getattr(project, name)
            for name in (
                "title",
                "question",
                "context",
                "method",
                "ethics_school_agrees",
                "ethics_no_identifying_data",
                "ethics_aggregate_only",
            )
        }
        initial["themes"] = list(project.themes.all())
        for year in years:
            initial[f"timeline_{year.number}"] = year.timeline
        return initial

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        arguments = {
            name: data[name]
            for name in (
                "title",
                "question",
                "context",
                "method",
                "ethics_school_agrees",
                "ethics_no_identifying_data",
                "ethics_aggregate_only",
            )
        }
        arguments["themes"] = list(data["themes"])
        arguments["timelines"] = {year.pk: data[f"timeline_{year.number}"] for year in self.years}
        return arguments


class ReadingSearchForm(forms.Form):
    q = SingleLineCharField(label="Find a reading in the library", required=False, max_length=200)


class ReadingChoiceForm(forms.Form):
    reading = forms.IntegerField(min_value=1, max_value=2**31 - 1, widget=forms.HiddenInput)


class SchoolConsentForm(forms.Form):
    school = forms.IntegerField(min_value=1, max_value=2**31 - 1, widget=forms.HiddenInput)
    named_with_consent = forms.TypedChoiceField(
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda value: value == "yes",
        widget=forms.HiddenInput,
    )


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        choices=[
            (status, ResearchProject.Status(status).label)
            for status in ResearchProject.LEAD_STATUSES
        ],
        widget=forms.HiddenInput,
    )
