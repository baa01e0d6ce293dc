"""Readings set for a Work Group's sessions: its leads set, change, reorder and remove them
and add them to the session plan; its members keep their own progress on each (read or not,
private notes, a response they may share with the group).

Views reach session readings through the getters in research/permissions.py, which check
who may do what; these functions trust what they are given."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from hubwork.accounts.models import User
from hubwork.core.audit import audit
from hubwork.practice.models import Activity
from hubwork.practice.services.plans import plan_activity_append
from hubwork.research.models import Reading, ReadingProgress, SessionReading
from hubwork.workgroups.models import Session

MAX_QUESTION_LENGTH = 2000
MAX_READINGS_PER_SESSION = 20
# How long the "engaging with research" activity is when a reading is added to the plan.
PLAN_MINUTES = 20
MAX_NOTES_LENGTH = 10000


def citation(reading: Reading) -> str:
    """The reading as a plain citation: authors (year). Title. Source. Link."""
    parts = [f"{reading.authors or 'Anonymous'} ({reading.year or 'n.d.'}). {reading.title}."]
    if reading.source:
        parts.append(f"{reading.source}.")
    if reading.link:
        parts.append(reading.link)
    return " ".join(parts)


def plan_activity_title(reading: Reading) -> str:
    """The title of the activity a reading is added to the session plan as."""
    title = f"Discuss the reading: {reading.title}"
    return title if len(title) <= 200 else title[:199] + "…"


def _clean_question(guiding_question: str) -> str:
    question = guiding_question.strip()
    if not question:
        raise ValidationError({"guiding_question": "Enter a guiding question or task"})
    if len(question) > MAX_QUESTION_LENGTH:
        raise ValidationError(
            {
                "guiding_question": f"The guiding question must be {MAX_QUESTION_LENGTH} "
                "characters or fewer"
            }
        )
    return question


def _audit(by: User, verb: str, session_reading: SessionReading, **data: object) -> None:
    session = session_reading.session
    audit(
        by,
        verb,
        session_reading,
        hub=session.work_group.hub_id,
        work_group=session.work_group_id,
        session=session.pk,
        reading=session_reading.reading_id,
        **data,
    )


def session_reading_set(
    *, session: Session, reading: Reading, guiding_question: str, by: User
) -> SessionReading:
    """Set `reading` for `session`, after those already set, with a guiding question or task."""
    question = _clean_question(guiding_question)
    with transaction.atomic():
        # The session row serialises leads setting readings at once (positions, the limit).
        Session.objects.select_for_update().get(pk=session.pk)
        existing = SessionReading.objects.filter(session=session)
        if existing.filter(reading=reading).exists():
            raise ValidationError({"reading": "This reading is already set for this session"})
        if existing.count() >= MAX_READINGS_PER_SESSION:
            raise ValidationError(
                f"A session can have at most {MAX_READINGS_PER_SESSION} readings set."
            )
        last = existing.aggregate(last=Max("position"))["last"] or 0
        session_reading = SessionReading(
            session=session,
            reading=reading,
            guiding_question=question,
            position=last + 1,
            set_by=by,
        )
        try:
            with transaction.atomic():
                session_reading.save()
        except IntegrityError as error:
            raise ValidationError(
                {"reading": "This reading is already set for this session"}
            ) from error
        _audit(by, "session_reading.set", session_reading)
    return session_reading


def session_reading_update(
    *, session_reading: SessionReading, guiding_question: str, by: User
) -> SessionReading:
    """Change the guiding question or task."""
    session_reading.guiding_question = _clean_question(guiding_question)
    with transaction.atomic():
        session_reading.save(update_fields=["guiding_question", "updated_at"])
        _audit(by, "session_reading.changed", session_reading)
    return session_reading


def session_reading_move(*, session_reading: SessionReading, up: bool, by: User) -> None:
    """Move a reading one place earlier (`up`) or later in the session's list; the first
    cannot go up nor the last down (nothing changes). Positions are renumbered 1..n."""
    session = session_reading.session
    with transaction.atomic():
        Session.objects.select_for_update().get(pk=session.pk)
        ordered = list(SessionReading.objects.filter(session=session).order_by("position", "pk"))
        index = next((i for i, item in enumerate(ordered) if item.pk == session_reading.pk), None)
        if index is None:
            return
        other = index - 1 if up else index + 1
        if 0 <= other < len(ordered):
            ordered[index], ordered[other] = ordered[other], ordered[index]
        for position, item in enumerate(ordered, start=1):
            if item.position != position:
                item.position = position
                item.save(update_fields=["position", "updated_at"])
        _audit(by, "session_reading.moved", session_reading, up=up)


def session_reading_remove(*, session_reading: SessionReading, by: User) -> None:
    """Remove the reading from the session, with members' progress on it. An activity it
    was added to the plan as stays in the plan (the lead may have changed it since)."""
    with transaction.atomic():
        _audit(
            by,
            "session_reading.removed",
            session_reading,
            title=session_reading.reading.title,
            progress=session_reading.progress.count(),
        )
        session_reading.delete()


def session_reading_add_to_plan(
    *, session_reading: SessionReading, by: User, version: int | None = None
) -> Activity:
    """Add an "engaging with research" activity for the reading to the end of the session's
    plan, with its citation and guiding question as notes. Once only: while the activity is
    in the plan, asking again is refused. The plan moves on a version, so a lead editing the
    plan meanwhile is told it changed (practice's plan conflict) instead of overwriting it."""
    reading = session_reading.reading
    title = plan_activity_title(reading)
    with transaction.atomic():
        locked = SessionReading.objects.select_for_update().get(pk=session_reading.pk)
        # Saving the plan writes its activities afresh (practice's plan_save), which empties
        # `activity`: the activity's title, kept by the copy, says it is there still.
        in_plan = Activity.objects.filter(
            plan__session_id=session_reading.session_id, kind=Activity.Kind.RESEARCH, title=title
        ).exists()
        if locked.activity_id is not None or in_plan:
            raise ValidationError("This reading is already in the session plan.")
        activity = plan_activity_append(
            session=session_reading.session,
            title=title,
            kind=Activity.Kind.RESEARCH,
            minutes=PLAN_MINUTES,
            notes=f"{citation(reading)}\n\nGuiding question or task: "
            f"{session_reading.guiding_question}",
            by=by,
            version=version,
        )
        session_reading.activity = activity
        session_reading.save(update_fields=["activity", "updated_at"])
        _audit(by, "session_reading.added_to_plan", session_reading, activity=activity.pk)
    return activity


# --- A member's own progress -----------------------------------------------------------------


def _progress_for(session_reading: SessionReading, user: User) -> ReadingProgress:
    progress, _ = ReadingProgress.objects.select_for_update().get_or_create(
        session_reading=session_reading, user=user
    )
    return progress


def reading_progress_save(
    *,
    session_reading: SessionReading,
    user: User,
    done: bool,
    private_notes: str,
    response: str,
    share: bool,
) -> ReadingProgress:
    """Save a member's progress on a reading: whether they have read it, their private notes
    (for them alone) and their response, shared with the group when `share` (unticking it
    takes it back)."""
    private_notes = private_notes.strip()
    response = response.strip()
    errors: dict[str, str] = {}
    if len(private_notes) > MAX_NOTES_LENGTH:
        errors["private_notes"] = f"Your notes must be {MAX_NOTES_LENGTH} characters or fewer"
    if len(response) > MAX_NOTES_LENGTH:
        errors["response"] = f"Your response must be {MAX_NOTES_LENGTH} characters or fewer"
    if share and not response:
        errors["response"] = "Enter your response to share it with the group"
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    with transaction.atomic():
        progress = _progress_for(session_reading, user)
        was_shared = progress.is_shared
        progress.done_at = (progress.done_at or now) if done else None
        progress.private_notes = private_notes
        progress.response = response
        progress.shared_at = (progress.shared_at or now) if share else None
        progress.save()
        if progress.is_shared != was_shared:
            # Who shared what with the group is worth keeping; private notes are not logged.
            verb = "reading_response.shared" if progress.is_shared else "reading_response.unshared"
            _audit(user, verb, session_reading)
    return progress


def reading_done_set(*, session_reading: SessionReading, user: User, done: bool) -> ReadingProgress:
    """Mark a reading read or not yet read, keeping notes and response as they are."""
    with transaction.atomic():
        progress = _progress_for(session_reading, user)
        if done and progress.done_at is None:
            progress.done_at = timezone.now()
        elif not done:
            progress.done_at = None
        progress.save(update_fields=["done_at", "updated_at"])
    return progress


def reading_response_unshare(*, session_reading: SessionReading, user: User) -> None:
    """Take a shared response back from the group (it stays in the member's own notes)."""
    with transaction.atomic():
        updated = ReadingProgress.objects.filter(
            session_reading=session_reading, user=user, shared_at__isnull=False
        ).update(shared_at=None, updated_at=timezone.now())
        if updated:
            _audit(user, "reading_response.unshared", session_reading)
