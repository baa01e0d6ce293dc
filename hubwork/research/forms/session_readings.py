"""Forms for readings set for sessions: leads find a reading in the library and set it with
a guiding question; members keep their progress on it."""

from typing import Any, cast

from django import forms

from hubwork.core.forms import ModelChoiceField, SingleLineCharField
from hubwork.research.models import Reading
from hubwork.research.services.session_readings import MAX_NOTES_LENGTH, MAX_QUESTION_LENGTH

QUESTION_HELP = (
    "What to look for, or what to do with it. For example: “Read pages 3 to 7. Which of the "
    "three strategies would suit your Year 8 class?”"
)


class ReadingSearchForm(forms.Form):
    """Finding a reading in the library (a GET form)."""

    q = SingleLineCharField(
        label="Search the research library",
        help_text="Words from the title or the authors’ names.",
        required=False,
        max_length=200,
    )


class ReadingChoiceField(ModelChoiceField[Reading]):
    def label_from_instance(self, obj: Reading) -> str:
        authors = f"{obj.authors}, " if obj.authors else ""
        return f"{obj.title} ({authors}{obj.year or 'n.d.'})"


class SessionReadingForm(forms.Form):
    """Setting a reading: which one (from the search results) and the guiding question."""

    q = forms.CharField(widget=forms.HiddenInput, required=False, max_length=200)
    reading = ReadingChoiceField(
        label="Choose a reading",
        queryset=Reading.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": "Choose a reading",
            "invalid_choice": "Choose one of the readings found",
        },
    )
    guiding_question = forms.CharField(
        label="Guiding question or task",
        help_text=QUESTION_HELP,
        max_length=MAX_QUESTION_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter a guiding question or task"},
    )

    def __init__(self, *args: Any, candidates: list[Reading], **kwargs: Any) -> None:
        # Its own ids: the search form above it has a box called "q" too.
        kwargs.setdefault("auto_id", "set_%s")
        super().__init__(*args, **kwargs)
        field = cast(ReadingChoiceField, self.fields["reading"])
        field.queryset = Reading.objects.filter(pk__in=[reading.pk for reading in candidates])


class GuidingQuestionForm(forms.Form):
    guiding_question = forms.CharField(
        label="Guiding question or task",
        help_text=QUESTION_HELP,
        max_length=MAX_QUESTION_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter a guiding question or task"},
    )


class MoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", "Up"), ("down", "Down")])


class ReadingProgressForm(forms.Form):
    """A member's own progress: read or not, private notes, a response to share."""

    done = forms.BooleanField(label="I have read it", required=False)
    private_notes = forms.CharField(
        label="Your private notes (optional)",
        help_text="Only you can see these.",
        required=False,
        max_length=MAX_NOTES_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    response = forms.CharField(
        label="Your response to the guiding question (optional)",
        help_text="Share it with the group if you like: the members and leads will see it "
        "with your name. You can stop sharing it at any time.",
        required=False,
        max_length=MAX_NOTES_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    share = forms.BooleanField(label="Share my response with the group", required=False)


class DoneForm(forms.Form):
    done = forms.ChoiceField(choices=[("yes", "Read"), ("no", "Not read yet")])
