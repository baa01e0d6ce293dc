"""The evaluation report's forms: the leads' words (an overall summary and a few lines on
each intended outcome), and hub staff's decision."""

from collections.abc import Sequence
from typing import Any

from django import forms

from hubwork.evaluation.models import EvaluationReport, OutcomeNarrative
from hubwork.evaluation.services.reports import (
    MAX_COMMENTS_LENGTH,
    MAX_NARRATIVE_LENGTH,
    MAX_SUMMARY_LENGTH,
)
from hubwork.programmes.models import IntendedOutcome

NO_PUPILS = "Write about classes and the group as a whole: do not name pupils or participants."


def outcome_field(outcome_id: int) -> str:
    return f"outcome_{outcome_id}"


class ReportForm(forms.Form):
    """The overall summary, one box per intended outcome, and the version the page showed
    (so a save after someone else's is refused rather than overwriting it)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    summary = forms.CharField(
        label="Overall summary",
        required=False,
        max_length=MAX_SUMMARY_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=(
            "What the Work Group set out to do, what happened and what the figures below do "
            "and do not show. You need this before you submit. " + NO_PUPILS
        ),
    )

    def __init__(self, *args: Any, outcomes: Sequence[IntendedOutcome], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.outcomes = list(outcomes)
        for outcome in self.outcomes:
            self.fields[outcome_field(outcome.pk)] = forms.CharField(
                label=outcome.text,
                required=False,
                max_length=MAX_NARRATIVE_LENGTH,
                widget=forms.Textarea(attrs={"rows": 5}),
                help_text=(
                    f"{outcome.get_area_display()}. What changed for this outcome, and the "
                    "evidence for it."
                ),
            )

    @classmethod
    def initial_for(
        cls, report: EvaluationReport, narratives: Sequence[OutcomeNarrative]
    ) -> dict[str, Any]:
        return {
            "version": report.version,
            "summary": report.summary,
            **{outcome_field(narrative.outcome_id): narrative.text for narrative in narratives},
        }

    def outcome_fields(self) -> list[tuple[IntendedOutcome, forms.BoundField]]:
        return [(outcome, self[outcome_field(outcome.pk)]) for outcome in self.outcomes]

    def narratives(self) -> dict[int, str]:
        return {
            outcome.pk: self.cleaned_data.get(outcome_field(outcome.pk), "")
            for outcome in self.outcomes
        }


class DecisionForm(forms.Form):
    """Hub staff accept the report or return it with comments."""

    ACCEPT = "accept"
    RETURN = "return"

    decision = forms.ChoiceField(
        label="Your decision",
        choices=[
            (ACCEPT, "Accept the report: it becomes final, with the figures as they are now"),
            (RETURN, "Return it to the leads with comments, to change and submit again"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether to accept the report or return it."},
    )
    comments = forms.CharField(
        label="Comments for the leads",
        required=False,
        max_length=MAX_COMMENTS_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Needed when you return the report: say what the leads should change.",
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("decision") == self.RETURN and not cleaned.get("comments", "").strip():
            self.add_error("comments", "Say what the leads should change.")
        return cleaned
