"""A questionnaire version's items as a form: GOV.UK radios for scales and single choices,
checkboxes for several choices, a whole-number box, and a text area for free text."""

from dataclasses import dataclass
from typing import Any

from django import forms

from hubwork.evaluation.models import Item, Questionnaire, Response
from hubwork.evaluation.services.responses import (
    MAX_TEXT_LENGTH,
    AnswerValue,
    error_messages,
    field_name,
    items_asked,
)

NO_PUPIL_NAMES = "Do not include pupils' names or anything else that could identify a pupil."


@dataclass(frozen=True)
class Question:
    item: Item
    field: forms.BoundField

    @property
    def is_group(self) -> bool:
        """Radios or checkboxes: a fieldset with the question as its legend."""
        return self.item.kind in (
            Item.Kind.SCALE,
            Item.Kind.SINGLE_CHOICE,
            Item.Kind.MULTIPLE_CHOICE,
        )

    @property
    def is_checkboxes(self) -> bool:
        return self.item.kind == Item.Kind.MULTIPLE_CHOICE

    @property
    def first_input_id(self) -> str:
        """Where the error summary's link goes: the first radio or checkbox, or the box."""
        return f"{self.field.auto_id}_0" if self.is_group else str(self.field.auto_id)

    @property
    def hint_id(self) -> str:
        return f"{self.field.auto_id}_hint"

    @property
    def error_id(self) -> str:
        return f"{self.field.auto_id}_error"

    @property
    def hint(self) -> str:
        parts = [self.item.hint] if self.item.hint else []
        if self.item.kind == Item.Kind.FREE_TEXT:
            parts.append(NO_PUPIL_NAMES)
        if not self.item.required:
            parts.insert(0, "Optional.")
        return " ".join(parts)

    @property
    def widget(self) -> str:
        """A text box or area, described by its hint and error, marked when in error."""
        attrs: dict[str, str | bool] = {}
        if self.described_by:
            attrs["aria-describedby"] = self.described_by
        if self.field.errors:
            kind = "textarea" if self.item.kind == Item.Kind.FREE_TEXT else "input"
            base = self.field.field.widget.attrs.get("class", "")
            attrs["class"] = f"{base} govuk-{kind}--error".strip()
        return self.field.as_widget(attrs=attrs)

    @property
    def described_by(self) -> str:
        ids = [self.hint_id] if self.hint else []
        if self.field.errors:
            ids.append(self.error_id)
        return " ".join(ids)


def _field_for(item: Item) -> forms.Field:
    messages = error_messages(item)
    common: dict[str, Any] = {
        "label": item.text,
        "required": item.required,
        "error_messages": messages,
    }
    if item.kind == Item.Kind.SCALE:
        return forms.TypedChoiceField(
            choices=[(str(point), label) for point, label in enumerate(item.scale_labels, 1)],
            coerce=int,
            empty_value=None,
            widget=forms.RadioSelect,
            **common,
        )
    if item.kind == Item.Kind.SINGLE_CHOICE:
        return forms.TypedChoiceField(
            choices=[(str(index), choice) for index, choice in enumerate(item.choices)],
            coerce=int,
            empty_value=None,
            widget=forms.RadioSelect,
            **common,
        )
    if item.kind == Item.Kind.MULTIPLE_CHOICE:
        return forms.TypedMultipleChoiceField(
            choices=[(str(index), choice) for index, choice in enumerate(item.choices)],
            coerce=int,
            widget=forms.CheckboxSelectMultiple,
            **common,
        )
    if item.kind == Item.Kind.NUMBER:
        return forms.IntegerField(
            min_value=item.min_value,
            max_value=item.max_value,
            # GOV.UK asks for whole numbers in a text box: no spinner to nudge by accident.
            widget=forms.TextInput(
                attrs={
                    "inputmode": "numeric",
                    "spellcheck": "false",
                    "autocomplete": "off",
                    "class": "govuk-input--width-5",
                }
            ),
            **common,
        )
    return forms.CharField(
        max_length=MAX_TEXT_LENGTH,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 5}),
        **common,
    )


class ResponseForm(forms.Form):
    """The items of `questionnaire` asked in `wave`, one field each (`item_<pk>`)."""

    def __init__(
        self,
        data: Any = None,
        *,
        questionnaire: Questionnaire,
        wave: str,
        answers: dict[int, AnswerValue] | None = None,
    ) -> None:
        self.items = items_asked(questionnaire, wave)
        initial = {
            field_name(item): _initial(item, answers[item.pk])
            for item in self.items
            if answers and item.pk in answers
        }
        super().__init__(data, initial=initial)
        for item in self.items:
            # Django's validators' codes (min_value, max_length …) take our messages.
            self.fields[field_name(item)] = _field_for(item)

    @property
    def questions(self) -> list[Question]:
        return [Question(item=item, field=self[field_name(item)]) for item in self.items]

    @property
    def has_free_text(self) -> bool:
        return any(item.kind == Item.Kind.FREE_TEXT for item in self.items)

    def answers(self) -> dict[int, AnswerValue]:
        """The cleaned answers keyed by item pk, for response_save."""
        return {item.pk: self.cleaned_data.get(field_name(item)) for item in self.items}

    def typed(self) -> list[tuple[str, str]]:
        """What was typed or chosen for each question, in words, from the submitted data as
        it came (valid or not): to show back when the form could not take it."""
        shown: list[tuple[str, str]] = []
        for item in self.items:
            name = field_name(item)
            if item.kind == Item.Kind.MULTIPLE_CHOICE:
                raw = self.data.getlist(name) if hasattr(self.data, "getlist") else []
                options = item.choices
                words = [
                    options[int(value)]
                    for value in raw
                    if value.isdigit() and int(value) < len(options)
                ]
                shown.append((item.text, "; ".join(words)))
                continue
            value = str(self.data.get(name, "")).strip()
            if item.kind == Item.Kind.SCALE and value.isdigit():
                point = int(value)
                if 1 <= point <= item.scale_points:
                    value = f"{point} – {item.scale_labels[point - 1]}"
            elif (
                item.kind == Item.Kind.SINGLE_CHOICE
                and value.isdigit()
                and int(value) < len(item.choices)
            ):
                value = item.choices[int(value)]
            shown.append((item.text, value))
        return shown


def _initial(item: Item, value: AnswerValue) -> Any:
    if isinstance(value, list):
        return [str(index) for index in value]
    if item.kind in (Item.Kind.SCALE, Item.Kind.SINGLE_CHOICE) and value is not None:
        return str(value)
    return value


def answers_of(response: Response) -> dict[int, AnswerValue]:
    """A saved response's answers keyed by item pk, to fill the form in again."""
    values: dict[int, AnswerValue] = {}
    for answer in response.answers.all():
        if answer.choice_list is not None:
            values[answer.item_id] = list(answer.choice_list)
        elif answer.number is not None:
            values[answer.item_id] = answer.number
        else:
            values[answer.item_id] = answer.text
    return values
