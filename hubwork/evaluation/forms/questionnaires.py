"""The forms national admins use to create questionnaires and write their questions. Whether a
question's parts fit its kind (labels for a scale, choices, an outcome) is checked by the
service, and its errors are shown by the fields."""

from typing import Any, cast

from django import forms

from hubwork.core.forms import ModelChoiceField, SingleLineCharField
from hubwork.evaluation.models import Item, Questionnaire
from hubwork.evaluation.services.questionnaires import ItemData
from hubwork.programmes.models import IntendedOutcome, Programme

LINES_HELP = "One a line."


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class OutcomeChoiceField(ModelChoiceField[IntendedOutcome]):
    def label_from_instance(self, obj: IntendedOutcome) -> str:
        return f"{obj.text} ({obj.get_area_display()})"


class QuestionnaireForm(forms.Form):
    title = SingleLineCharField(
        label="Title",
        max_length=200,
        help_text="Shown to the people answering it.",
        error_messages={"required": "Enter a title."},
    )
    introduction = forms.CharField(
        label="Introduction (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Shown above the questions: why we ask and who sees the answers.",
    )


class QuestionnaireCreateForm(QuestionnaireForm):
    """A new questionnaire: whose it is and what it is for, then its title and introduction."""

    programme = ModelChoiceField(
        label="Programme",
        queryset=Programme.objects.order_by("name"),
        required=False,
        empty_label="National default (for programmes without their own)",
        help_text="A programme's own questions measure its intended outcomes.",
    )
    kind = forms.ChoiceField(
        label="What it is for",
        choices=Questionnaire.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what the questionnaire is for."},
    )

    field_order = ["programme", "kind", "title", "introduction"]


class ItemForm(forms.Form):
    """One question. The fields that do not apply to its kind are ignored."""

    kind = forms.ChoiceField(
        label="Kind of question",
        choices=Item.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the kind of question."},
    )
    text = SingleLineCharField(
        label="Question",
        max_length=300,
        error_messages={"required": "Enter the question."},
    )
    hint = SingleLineCharField(
        label="Hint (optional)",
        max_length=300,
        required=False,
        help_text="Shown under the question, to help people answer it.",
    )
    required = forms.BooleanField(label="People must answer it", required=False)
    asked = forms.ChoiceField(
        label="When it is asked",
        choices=Item.Asked.choices,
        widget=forms.RadioSelect,
        help_text="Questions asked before and after are matched by person to show change.",
    )
    outcome = OutcomeChoiceField(
        label="Intended outcome it measures",
        queryset=IntendedOutcome.objects.none(),
        required=False,
        empty_label="None",
        help_text="Every scale question measures one of the programme's intended outcomes.",
    )
    area = forms.ChoiceField(
        label="Outcome area",
        choices=[("", "None"), *IntendedOutcome.Area.choices],
        required=False,
        help_text="For a scale question, the area it measures. "
        "With an intended outcome chosen, its area is used.",
    )
    scale_labels = forms.CharField(
        label="Scale points, lowest first",
        required=False,
        widget=forms.Textarea(attrs={"rows": 7}),
        help_text="For a scale: one label a line, for example 7 from “Strongly disagree” to "
        "“Strongly agree”.",
    )
    choices = forms.CharField(
        label="Choices",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="For a single or several choices question: " + LINES_HELP,
    )
    min_value = forms.IntegerField(
        label="Smallest number (optional)",
        required=False,
        min_value=-1_000_000,
        max_value=1_000_000,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-5"}),
        help_text="For a number question.",
        error_messages={"invalid": "Enter a whole number, for example 0."},
    )
    max_value = forms.IntegerField(
        label="Largest number (optional)",
        required=False,
        min_value=-1_000_000,
        max_value=1_000_000,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-5"}),
        help_text="For a number question.",
        error_messages={"invalid": "Enter a whole number, for example 500."},
    )

    def __init__(self, *args: Any, questionnaire: Questionnaire, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"required": True, "asked": Item.Asked.BOTH})
        super().__init__(*args, **kwargs)
        if questionnaire.programme_id is None:
            # A national default's questions name an area, never one programme's outcome.
            del self.fields["outcome"]
        else:
            outcome = cast(OutcomeChoiceField, self.fields["outcome"])
            outcome.queryset = IntendedOutcome.objects.filter(
                programme_id=questionnaire.programme_id
            ).order_by("area", "position", "pk")
        if questionnaire.kind != Questionnaire.Kind.PRE_POST:
            del self.fields["asked"]

    @classmethod
    def initial_for(cls, item: Item) -> dict[str, Any]:
        return {
            "kind": item.kind,
            "text": item.text,
            "hint": item.hint,
            "required": item.required,
            "asked": item.asked,
            "outcome": item.outcome_id,
            "area": item.area,
            "scale_labels": "\n".join(item.scale_labels),
            "choices": "\n".join(item.choices),
            "min_value": item.min_value,
            "max_value": item.max_value,
        }

    def item_data(self) -> ItemData:
        data = self.cleaned_data
        return ItemData(
            kind=data["kind"],
            text=data["text"],
            hint=data.get("hint", ""),
            required=bool(data.get("required")),
            asked=data.get("asked") or Item.Asked.BOTH,
            outcome=data.get("outcome"),
            area=data.get("area", ""),
            scale_labels=_lines(data.get("scale_labels", "")),
            choices=_lines(data.get("choices", "")),
            min_value=data.get("min_value"),
            max_value=data.get("max_value"),
        )
