"""Saving a form's answers: one response per person per form, changed (never duplicated) when
they answer again before it closes."""

from collections.abc import Mapping
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from hubwork.accounts.models import User
from hubwork.evaluation.models import Answer, Invitation, Item, Questionnaire, Response, Wave
from hubwork.evaluation.windows import Window, sessions_held, window_for
from hubwork.workgroups.models import Session, WorkGroup

MAX_TEXT_LENGTH = 4000

# An answer as the form cleaned it: a scale point, a number or a choice's index (int), several
# choices' indexes (list of int), free text (str); None or empty for an item left blank.
AnswerValue = int | list[int] | str | None


class FormClosed(ValidationError):
    """The form cannot take answers now: it has closed (`closed_at`), or not opened yet."""

    def __init__(self, message: str, *, window: Window | None) -> None:
        super().__init__(message, code="form_closed")
        self.window = window

    @property
    def closed_at(self) -> datetime | None:
        return self.window.closes if self.window else None


def field_name(item: Item) -> str:
    """The form field that answers `item`, and the key of its errors."""
    return f"item_{item.pk}"


def _quoted(item: Item) -> str:
    return f"“{item.text.strip().rstrip('?.').strip()}”"


def error_messages(item: Item) -> dict[str, str]:
    """What to say, by the field, when an answer to `item` is missing or will not do."""
    quoted = _quoted(item)
    if item.kind == Item.Kind.SCALE:
        labels = " ".join(str(label) for label in item.scale_labels).lower()
        required = (
            f"Choose how far you agree with {quoted}"
            if "agree" in labels
            else f"Choose an answer for {quoted}"
        )
    elif item.kind == Item.Kind.MULTIPLE_CHOICE:
        required = f"Choose at least one answer for {quoted}"
    elif item.kind == Item.Kind.NUMBER:
        required = f"Enter a number for {quoted}"
    elif item.kind == Item.Kind.FREE_TEXT:
        required = f"Enter your answer for {quoted}"
    else:
        required = f"Choose an answer for {quoted}"
    return {
        "required": required,
        "invalid_choice": f"Choose one of the answers given for {quoted}",
        "invalid_list": f"Choose one or more of the answers given for {quoted}",
        "invalid": f"The answer for {quoted} must be a whole number, like 12",
        "min_value": f"The answer for {quoted} must be {item.min_value} or more",
        "max_value": f"The answer for {quoted} must be {item.max_value} or less",
        "max_length": (f"The answer for {quoted} must be {MAX_TEXT_LENGTH:,} characters or fewer"),
    }


def _problem(item: Item, value: AnswerValue) -> str | None:
    """What is wrong with `value` as an answer to `item` (the form checks the same first)."""
    messages = error_messages(item)
    if value is None or value == "" or value == []:
        return messages["required"] if item.required else None
    if item.kind == Item.Kind.FREE_TEXT:
        if not isinstance(value, str):
            return messages["required"]
        return messages["max_length"] if len(value) > MAX_TEXT_LENGTH else None
    if item.kind == Item.Kind.MULTIPLE_CHOICE:
        if not isinstance(value, list) or not all(
            isinstance(index, int) and 0 <= index < len(item.choices) for index in value
        ):
            return messages["invalid_list"]
        return None
    if not isinstance(value, int) or isinstance(value, bool):
        return messages["invalid"] if item.kind == Item.Kind.NUMBER else messages["invalid_choice"]
    if item.kind == Item.Kind.SCALE and not 1 <= value <= item.scale_points:
        return messages["invalid_choice"]
    if item.kind == Item.Kind.SINGLE_CHOICE and not 0 <= value < len(item.choices):
        return messages["invalid_choice"]
    if item.kind == Item.Kind.NUMBER:
        if item.min_value is not None and value < item.min_value:
            return messages["min_value"]
        if item.max_value is not None and value > item.max_value:
            return messages["max_value"]
    return None


def items_asked(questionnaire: Questionnaire, wave: str) -> list[Item]:
    """The questionnaire's items asked in `wave`, in order (from its prefetched items)."""
    return [item for item in questionnaire.items.all() if item.is_asked_in(wave)]


def form_window(
    *, wave: str, work_group: WorkGroup, session: Session | None = None
) -> Window | None:
    """When this form of the Work Group takes answers (windows.py); None: it is never asked."""
    held = sessions_held(work_group.sessions.all())
    return window_for(wave, held=held, session=session)


def closed_message(window: Window | None, now: datetime) -> str:
    if window is None:
        return "This form is not being asked for."
    if window.opens is not None and now < window.opens:
        return f"This form opens on {timezone.localtime(window.opens):%-d %B %Y}."
    closes = timezone.localtime(window.closes)
    return f"This form closed on {closes:%-d %B %Y}."


def _invitation(
    *, wave: str, work_group: WorkGroup, session: Session | None, user: User
) -> Invitation:
    """The person's invitation to this form, made now if nobody sent one (the same keys as the
    Invitation constraints)."""
    if wave == Wave.SESSION:
        invitation, _ = Invitation.objects.get_or_create(
            wave=wave, session=session, user=user, defaults={"work_group": work_group}
        )
    else:
        invitation, _ = Invitation.objects.get_or_create(
            wave=wave, work_group=work_group, user=user
        )
    return invitation


def response_save(
    *,
    questionnaire: Questionnaire,
    wave: str,
    work_group: WorkGroup,
    session: Session | None = None,
    user: User | None = None,
    invitation: Invitation | None = None,
    answers: Mapping[int, AnswerValue],
    now: datetime | None = None,
) -> Response:
    """Save a participant's (`user`) or a school leader's (`invitation`) answers to one form,
    keyed by item pk: the first time a new response, after that the same response with its
    answers replaced, so a double submission or a second tab is still one response.

    Raises FormClosed outside the form's window, and ValidationError by field (`item_<pk>`)
    for a missing or impossible answer. Not audited: who answered what stays out of the log.
    """
    now = now or timezone.now()
    if user is None and invitation is None:
        raise ValueError("A response is a participant's (user) or a school leader's (invitation).")
    if (wave == Wave.SESSION) != (session is not None):
        raise ValueError("Session feedback, and only that, is about a session.")
    window = form_window(wave=wave, work_group=work_group, session=session)
    if window is None or not window.is_open(now):
        raise FormClosed(closed_message(window, now), window=window)

    items = items_asked(questionnaire, wave)
    problems = {
        field_name(item): problem
        for item in items
        if (problem := _problem(item, answers.get(item.pk))) is not None
    }
    if problems:
        raise ValidationError(problems)
    rows = [_answer_row(item, answers.get(item.pk)) for item in items]

    with transaction.atomic():
        if invitation is None and user is not None:
            invitation = _invitation(wave=wave, work_group=work_group, session=session, user=user)
        existing = Response.objects.select_for_update().to_form(
            wave=wave, work_group=work_group, session=session, user=user, invitation=invitation
        )
        response = existing.first()
        if response is None:
            try:
                # A savepoint: a second request that got here first wins the insert, and
                # this one becomes a change to its response.
                with transaction.atomic():
                    response = Response.objects.create(
                        questionnaire=questionnaire,
                        wave=wave,
                        work_group=work_group,
                        session=session,
                        invitation=invitation,
                        respondent=user,
                        submitted_at=now,
                    )
            except IntegrityError:
                response = existing.first()
                if response is None:
                    raise
        else:
            response.questionnaire = questionnaire
            if response.invitation_id is None and invitation is not None:
                response.invitation = invitation
            response.save(update_fields=["questionnaire", "invitation", "updated_at"])
        response.answers.all().delete()
        Answer.objects.bulk_create(
            [
                Answer(response=response, item=item, **fields)
                for item, fields in zip(items, rows, strict=True)
                if fields is not None
            ]
        )
    return response


def _answer_row(item: Item, value: AnswerValue) -> dict[str, object] | None:
    """The Answer fields holding `value`; None for an item left blank (no row)."""
    if value is None or value == "" or value == []:
        return None
    if item.kind == Item.Kind.FREE_TEXT:
        return {"text": value}
    if item.kind == Item.Kind.MULTIPLE_CHOICE:
        return {"choice_list": sorted(set(value))}  # type: ignore[arg-type,type-var]
    return {"number": value}
