"""Forms for the session planner: one form per activity in a formset, and the copy form."""

from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import Any, cast

from django import forms

from hubwork.core.forms import SingleLineCharField
from hubwork.practice.models import MAX_ACTIVITY_MINUTES, Activity
from hubwork.practice.selectors.plans import CopySource
from hubwork.practice.services.plans import MAX_ACTIVITIES, ActivityData
from hubwork.programmes.mechanisms import mechanisms_by_purpose

# A row with none of these filled in is an unused blank row, not an activity.
CONTENT_FIELDS = ["title", "minutes", "notes", "materials", "mechanisms"]


@dataclass(frozen=True)
class MechanismOption:
    """One mechanism's checkbox on an activity."""

    name: str
    value: str
    label: str
    id: str
    checked: bool


class ActivityForm(forms.Form):
    title = SingleLineCharField(
        label="Title", max_length=200, error_messages={"required": "Enter a title."}
    )
    kind = forms.ChoiceField(
        label="Kind of activity",
        choices=[("", "Choose a kind"), *Activity.Kind.choices],
        error_messages={"required": "Choose what kind of activity it is."},
    )
    minutes = forms.IntegerField(
        label="Minutes",
        min_value=1,
        max_value=MAX_ACTIVITY_MINUTES,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3", "inputmode": "numeric"}),
        error_messages={
            "required": "Enter how many minutes it takes.",
            "invalid": "Enter the minutes as a whole number, like 30.",
            "min_value": "An activity takes at least 1 minute.",
            "max_value": f"An activity can take at most {MAX_ACTIVITY_MINUTES} minutes.",
        },
    )
    notes = forms.CharField(
        label="Notes (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    materials = forms.CharField(
        label="Materials (optional)",
        required=False,
        help_text="For example, slides, a reading or manipulatives.",
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    mechanisms = forms.MultipleChoiceField(
        label="EEF mechanisms this activity uses",
        required=False,
        choices=[
            (purpose.label, [(mechanism.value, mechanism.label) for mechanism in mechanisms])
            for purpose, mechanisms in mechanisms_by_purpose()
        ],
        widget=forms.CheckboxSelectMultiple,
    )
    position = forms.IntegerField(
        label="Order",
        required=False,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-2", "inputmode": "numeric"}),
    )

    def has_changed(self) -> bool:
        # The order and kind of a blank row do not make it an activity.
        return any(name in self.changed_data for name in CONTENT_FIELDS)

    def mechanism_groups(self) -> Iterator[tuple[str, list[MechanismOption]]]:
        """The mechanism checkboxes under their four purposes, for separate fieldsets.

        Built here rather than through the checkbox widget's templates: the planner shows 14
        for every activity, and rendering each through its own template made the page slow.
        """
        bound = self["mechanisms"]
        value = bound.value()
        chosen = {str(code) for code in value} if isinstance(value, list) else set()
        prefix = bound.auto_id
        for group, (purpose, mechanisms) in enumerate(mechanisms_by_purpose()):
            yield (
                purpose.label,
                [
                    MechanismOption(
                        name=bound.html_name,
                        value=mechanism.value,
                        label=mechanism.label,
                        id=f"{prefix}_{group}_{index}",
                        checked=mechanism.value in chosen,
                    )
                    for index, mechanism in enumerate(mechanisms)
                ],
            )

    def chosen_mechanism_count(self) -> int:
        value = self["mechanisms"].value()
        return len(value) if isinstance(value, list) else 0


def _whole_number(value: object) -> int | None:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


class BaseActivityFormSet(forms.BaseFormSet[ActivityForm]):
    """Blank rows are dropped, rows ticked to remove are dropped, the rest are put in the
    order of their order numbers (rows without one keep their place)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "activities")
        # Any row may be left blank, including one that held an activity: that removes it.
        kwargs.setdefault("form_kwargs", {"empty_permitted": True})
        super().__init__(*args, **kwargs)

    def _in_use(self, form: ActivityForm) -> bool:
        return form.has_changed() and not (self.can_delete and form["DELETE"].value())

    def _in_use_in_order(self) -> list[ActivityForm]:
        return self._ordered([form for form in self.forms if self._in_use(form)])

    def _ordered(self, forms_in_use: list[ActivityForm]) -> list[ActivityForm]:
        def key(item: tuple[int, ActivityForm]) -> tuple[int, int]:
            index, form = item
            position = _whole_number(form["position"].value())
            return (position if position is not None else index + 1, index)

        return [form for _, form in sorted(enumerate(forms_in_use), key=key)]

    def forms_in_order(self) -> list[ActivityForm]:
        """Every row, in the order the lead put them (so a page shown again keeps it)."""
        return self._ordered(list(self.forms))

    def activities(self) -> list[ActivityData]:
        """The activities as entered, in order (only once the formset is valid)."""
        return [
            ActivityData(
                title=form.cleaned_data["title"],
                kind=form.cleaned_data["kind"],
                minutes=form.cleaned_data["minutes"],
                notes=form.cleaned_data["notes"],
                materials=form.cleaned_data["materials"],
                mechanisms=form.cleaned_data["mechanisms"],
            )
            for form in self._in_use_in_order()
        ]

    def draft_activities(self) -> list[ActivityData]:
        """The activities as they stand mid-edit, valid or not, for the live summary: a row
        counts once it has any content, with whatever kind and minutes it has so far."""
        return [self._draft(form) for form in self._in_use_in_order()]

    def rows_in_order(self) -> list[tuple[ActivityForm, ActivityData | None]]:
        """Every row in order (as `forms_in_order`), with its draft activity if it is one."""
        return [
            (form, self._draft(form) if self._in_use(form) else None)
            for form in self.forms_in_order()
        ]

    def _draft(self, form: ActivityForm) -> ActivityData:
        minutes = _whole_number(form["minutes"].value())
        return ActivityData(
            title=str(form["title"].value() or ""),
            kind=str(form["kind"].value() or ""),
            minutes=max(minutes or 0, 0),
        )

    def draft_initial(self) -> list[dict[str, Any]]:
        """The rows in use as they were typed, in order, to show again as initial values."""
        return [
            {
                **{name: form[name].value() for name in [*CONTENT_FIELDS, "kind"]},
                "position": position,
            }
            for position, form in enumerate(self._in_use_in_order(), start=1)
        ]

    def clean(self) -> None:
        if any(self.errors):
            return
        if len([form for form in self.forms if self._in_use(form)]) > MAX_ACTIVITIES:
            raise forms.ValidationError(f"A plan can hold at most {MAX_ACTIVITIES} activities.")


ActivityFormSet = forms.formset_factory(
    ActivityForm,
    formset=BaseActivityFormSet,
    extra=1,
    can_delete=True,
    max_num=MAX_ACTIVITIES,
    absolute_max=MAX_ACTIVITIES + 20,
)


def activity_formset(
    *, data: Any = None, activities: list[ActivityData] | None = None, add_row: bool = False
) -> BaseActivityFormSet:
    """The planner's formset: bound to posted data, or filled with saved activities.

    With `add_row` (adding a row without JavaScript), what was posted comes back unbound, in
    order, with a blank row after it: nothing is lost, and half-finished rows are not yet
    marked as mistakes.
    """
    if data is not None:
        formset = cast(BaseActivityFormSet, ActivityFormSet(data))
        if add_row:
            return cast(BaseActivityFormSet, ActivityFormSet(initial=formset.draft_initial()))
        # Number the rows 1, 2, 3… in the order their numbers put them, so a page shown again
        # lists them in that order with matching numbers (and an odd number is never a mistake).
        data = data.copy()
        for rank, form in enumerate(formset.forms_in_order(), start=1):
            data[form.add_prefix("position")] = str(rank)
        return cast(BaseActivityFormSet, ActivityFormSet(data))
    initial = [
        {**asdict(activity), "position": position}
        for position, activity in enumerate(activities or [], start=1)
    ]
    return cast(BaseActivityFormSet, ActivityFormSet(initial=initial))


class PlanVersionForm(forms.Form):
    """The version of the plan the lead started from, so a co-lead's save is not lost."""

    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)


class PlanCopyForm(forms.Form):
    source = forms.TypedChoiceField(
        label="Plan to copy",
        coerce=int,
        error_messages={"required": "Choose a plan to copy."},
    )
    replace = forms.BooleanField(
        label="Yes, replace the activities already in this plan",
        required=False,
    )
    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)

    def __init__(
        self, *args: Any, sources: list[CopySource], activity_count: int, **kwargs: Any
    ) -> None:
        # The planner's own form on the same page has a version field too: ids must differ.
        kwargs.setdefault("auto_id", "id_copy_%s")
        super().__init__(*args, **kwargs)
        self.sources = {source.plan.pk: source for source in sources}
        groups: dict[str, list[tuple[int, str]]] = {}
        for source in sources:
            groups.setdefault(source.group, []).append((source.plan.pk, source.label))
        source_field: Any = self.fields["source"]
        source_field.choices = [("", "Choose a plan"), *groups.items()]
        self.activity_count = activity_count
        if not activity_count:
            del self.fields["replace"]

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean()
        if self.activity_count and "replace" in self.fields and not self.cleaned_data["replace"]:
            self.add_error(
                "replace",
                f"This session's plan already has {self.activity_count} "
                f"{'activity' if self.activity_count == 1 else 'activities'}: tick the box "
                "to replace them with the copy.",
            )
        return cleaned

    def chosen(self) -> CopySource:
        return self.sources[self.cleaned_data["source"]]
