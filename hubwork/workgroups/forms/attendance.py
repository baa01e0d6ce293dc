from collections.abc import Iterable, Iterator
from typing import Any

from django import forms

from hubwork.workgroups.models import Attendance, Enrolment


class RegisterForm(forms.Form):
    """One set of radio buttons per person on the register; a row left blank stays unmarked."""

    def __init__(
        self,
        *args: Any,
        people: Iterable[Enrolment],
        marked: dict[int, Attendance],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.people = list(people)
        self.marked = marked
        for enrolment in self.people:
            attendance = marked.get(enrolment.pk)
            self.fields[self.field_name(enrolment)] = forms.ChoiceField(
                label=enrolment.user.display_name,
                choices=Attendance.Status.choices,
                widget=forms.RadioSelect,
                required=False,
                initial=attendance.status if attendance else None,
            )

    @staticmethod
    def field_name(enrolment: Enrolment) -> str:
        return f"mark_{enrolment.pk}"

    def rows(self) -> Iterator[tuple[Enrolment, forms.BoundField, Attendance | None]]:
        """Each person with their radio buttons and what is already recorded for them."""
        for enrolment in self.people:
            yield enrolment, self[self.field_name(enrolment)], self.marked.get(enrolment.pk)

    def marks(self, *, rest_present: bool = False) -> dict[int, str]:
        """The chosen marks by enrolment id; with `rest_present`, anyone unmarked is present."""
        marks: dict[int, str] = {}
        for enrolment in self.people:
            status = self.cleaned_data.get(self.field_name(enrolment)) or ""
            if not status and rest_present and enrolment.pk not in self.marked:
                status = Attendance.Status.PRESENT
            if status:
                marks[enrolment.pk] = status
        return marks


class ApologiesForm(forms.Form):
    note = forms.CharField(
        label="Anything the leads should know (optional)",
        help_text="For example, why you cannot come or how you will catch up.",
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
