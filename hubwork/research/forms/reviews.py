"""A reviewer's decision on a submitted research project."""

from typing import cast

from django import forms

from hubwork.research.models import ProjectReview
from hubwork.research.services.reviews import MAX_COMMENTS_LENGTH, STAGES

Decision = ProjectReview.Decision

# What each choice says to the reviewer making it.
CHOICE_LABELS = {
    Decision.RETURNED: "Return it to the leads with comments",
    Decision.APPROVED: "Pass it to the national team",
    Decision.PUBLISHED: "Publish it",
}


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label="What do you want to do with this project?",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what to do with the project."},
    )
    comments = forms.CharField(
        label="Comments for the leads",
        help_text="Needed if you return it: say what to change. Leads see these comments.",
        required=False,
        max_length=MAX_COMMENTS_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def __init__(self, *args: object, stage: str, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        outcomes = STAGES[stage][1]
        # The way forward first, then returning.
        order = sorted(outcomes, key=lambda decision: decision == Decision.RETURNED)
        field = cast(forms.ChoiceField, self.fields["decision"])
        field.choices = [(decision, CHOICE_LABELS[Decision(decision)]) for decision in order]

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        if (
            cleaned.get("decision") == Decision.RETURNED
            and not str(cleaned.get("comments") or "").strip()
        ):
            self.add_error(
                "comments", "Say what the leads need to change before it can go further."
            )
        return cleaned
