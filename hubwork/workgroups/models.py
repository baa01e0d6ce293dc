import secrets
from datetime import date, datetime, time, timedelta
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, Greatest
from django.urls import reverse
from django.utils import timezone

from hubwork.core.academic_years import AcademicYear
from hubwork.core.models import TimeStampedModel
from hubwork.hubs.models import Hub
from hubwork.programmes.models import Mode, Programme
from hubwork.schools.models import School


class WorkGroupQuerySet(models.QuerySet["WorkGroup"]):
    def published(self) -> "WorkGroupQuerySet":
        """Work Groups the public catalogue shows: everything but drafts."""
        return self.exclude(status=WorkGroup.Status.DRAFT)

    def in_year(self, academic_year: AcademicYear) -> "WorkGroupQuerySet":
        return self.filter(academic_year=academic_year.start_year)

    def with_availability(self) -> "WorkGroupQuerySet":
        """Annotate places taken and left, whether recruiting, and the first session's date.

        Availability is derived from enrolment rows whenever it is read, never kept in a
        counter. Each is a correlated subquery rather than a join, so rows are never
        multiplied and filtering on them needs no GROUP BY or HAVING.
        """
        today = timezone.localdate()
        taken = (
            Enrolment.objects.filter(work_group=OuterRef("pk"), status__in=Enrolment.TAKING_PART)
            .order_by()
            .values("work_group")
            .annotate(count=Count("pk"))
            .values("count")
        )
        # Places held for colleagues until they confirm count as taken too.
        held_for_colleagues = (
            ColleagueInvitation.objects.filter(
                work_group=OuterRef("pk"),
                status=ColleagueInvitation.Status.PENDING,
                place_held=True,
            )
            .order_by()
            .values("work_group")
            .annotate(count=Count("pk"))
            .values("count")
        )
        first_session = (
            Session.objects.filter(work_group=OuterRef("pk"), status=Session.Status.SCHEDULED)
            .order_by("date", "starts_at")
            .values("date")[:1]
        )
        return self.annotate(
            places_taken=Coalesce(Subquery(taken, output_field=IntegerField()), Value(0))
            + Coalesce(Subquery(held_for_colleagues, output_field=IntegerField()), Value(0)),
            places_left=Greatest(
                ExpressionWrapper(F("capacity") - F("places_taken"), output_field=IntegerField()),
                Value(0),
            ),
            recruiting=ExpressionWrapper(
                Q(status=WorkGroup.Status.OPEN)
                & (Q(recruitment_closes_on__isnull=True) | Q(recruitment_closes_on__gte=today)),
                output_field=BooleanField(),
            ),
            first_session_on=Subquery(first_session),
        )

    def completion_due(self, *, today: date | None = None) -> "WorkGroupQuerySet":
        """Work Groups whose sessions have all gone ahead (at least one did, and none that is
        not cancelled is still to come) but whose completion has not been applied: still
        open, full or running, where applying the rule marks them completed."""
        today = today or timezone.localdate()
        sessions = Session.objects.filter(
            work_group=OuterRef("pk"), status=Session.Status.SCHEDULED
        )
        return self.filter(
            Exists(sessions.filter(date__lte=today)),
            ~Exists(sessions.filter(date__gt=today)),
            status__in=(WorkGroup.Status.OPEN, WorkGroup.Status.FULL, WorkGroup.Status.RUNNING),
        )

    def with_place_counts(self) -> "WorkGroupQuerySet":
        """Annotate how its places stand: `places_filled` (members: enrolled or completed),
        `places_offered` (offers out) and `places_waiting` (waiting list and interest).

        Counted from enrolment rows with one correlated subquery each, like
        `with_availability`, so rows are never multiplied by other joins."""
        return self.annotate(
            places_filled=_enrolments_counted(Enrolment.MEMBERS),
            places_offered=_enrolments_counted((Enrolment.Status.OFFERED,)),
            places_waiting=_enrolments_counted(Enrolment.WAITING),
        )


def _enrolments_counted(statuses: tuple[str, ...]) -> Coalesce:
    """How many of the Work Group's enrolments are in one of `statuses` (a subquery)."""
    count = (
        Enrolment.objects.filter(work_group=OuterRef("pk"), status__in=statuses)
        .order_by()
        .values("work_group")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(count, output_field=IntegerField()), Value(0))


class Allocation(models.TextChoices):
    FIRST_COME = "first_come", "First come, first served"
    REVIEW = "review", "Hub review: leads offer places"


class WorkGroup(TimeStampedModel):
    """One run of a programme by one hub in one academic year."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        OPEN = "open", "Open for interest"
        FULL = "full", "Full"
        RUNNING = "running", "Running"
        COMPLETED = "completed", "Completed"
        CANCELLED = "cancelled", "Cancelled"

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="work_groups")
    hub = models.ForeignKey(Hub, on_delete=models.PROTECT, related_name="work_groups")
    academic_year = models.PositiveSmallIntegerField(
        help_text="The year the academic year starts in: 2026 is 2026/27."
    )
    code = models.CharField(
        max_length=30, help_text="The hub's own reference, for example GLOW-SfM-26-01."
    )
    slug = models.SlugField(max_length=120, unique=True)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    leads = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="led_work_groups", blank=True
    )
    capacity = models.PositiveSmallIntegerField(help_text="Places in all.")
    per_school_limit = models.PositiveSmallIntegerField(
        default=2, help_text="Places one school may take."
    )
    mode = models.CharField(max_length=20, choices=Mode.choices, default=Mode.FACE_TO_FACE)
    venue = models.CharField(
        "venue or area",
        max_length=200,
        blank=True,
        help_text="Where it usually meets, or the area it serves if online.",
    )
    recruitment_closes_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    allocation = models.CharField(
        "how places are given",
        max_length=20,
        choices=Allocation.choices,
        default=Allocation.FIRST_COME,
    )
    offer_hours = models.PositiveSmallIntegerField(
        "hours to accept an offered place",
        default=72,
        help_text="An offer from the waiting list lapses after this long and moves on.",
    )
    copied_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="copies"
    )

    objects = WorkGroupQuerySet.as_manager()

    class Meta:
        ordering = ["-academic_year", "title"]
        indexes = [
            models.Index(fields=["academic_year", "status"]),
            models.Index(fields=["hub", "academic_year"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["hub", "academic_year", "code"], name="workgroups_code_unique_per_hub_year"
            ),
            models.CheckConstraint(
                condition=Q(per_school_limit__gte=1) & Q(per_school_limit__lte=F("capacity")),
                name="workgroups_per_school_limit_within_capacity",
                violation_error_message="The per-school limit must be between 1 and the capacity.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.year.label})"

    def get_absolute_url(self) -> str:
        return reverse("workgroups:detail", kwargs={"slug": self.slug})

    @property
    def year(self) -> AcademicYear:
        return AcademicYear(self.academic_year)


# How far ahead and back "what needs doing" looks: sessions coming up without a plan, and
# sessions that happened without a register being taken.
ATTENTION_WINDOW = timedelta(weeks=4)


class SessionQuerySet(models.QuerySet["Session"]):
    def coming_up(self, *, within: timedelta = ATTENTION_WINDOW) -> "SessionQuerySet":
        """Scheduled sessions from today to `within` from now, soonest first."""
        today = timezone.localdate()
        return self.filter(
            status=Session.Status.SCHEDULED, date__gte=today, date__lte=today + within
        ).order_by("date", "starts_at", "pk")

    def without_register(self, *, within: timedelta = ATTENTION_WINDOW) -> "SessionQuerySet":
        """Scheduled sessions that ended in the last `within`, in a Work Group with members,
        whose register nobody has taken (apologies sent ahead are not a register), earliest
        first."""
        now = timezone.localtime()
        today = now.date()
        marks = Attendance.objects.filter(
            session=OuterRef("pk"), status__in=Attendance.REGISTER_ONLY
        )
        members = Enrolment.objects.filter(
            work_group=OuterRef("work_group"), status__in=Enrolment.MEMBERS
        )
        return (
            self.filter(
                Q(date__lt=today) | Q(date=today, ends_at__lte=now.time()),
                status=Session.Status.SCHEDULED,
                date__gte=today - within,
            )
            .filter(Exists(members), ~Exists(marks))
            .order_by("date", "starts_at", "pk")
        )


class Session(TimeStampedModel):
    """One meeting of a Work Group. Rearranging it keeps the old arrangement as a change."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        CANCELLED = "cancelled", "Cancelled"

    work_group = models.ForeignKey(WorkGroup, on_delete=models.CASCADE, related_name="sessions")
    number = models.PositiveSmallIntegerField()
    date = models.DateField()
    starts_at = models.TimeField()
    ends_at = models.TimeField()
    mode = models.CharField(max_length=20, choices=Mode.choices, default=Mode.FACE_TO_FACE)
    venue = models.CharField(max_length=300, blank=True)
    joining_link = models.URLField(max_length=500, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SCHEDULED)
    # Calendar SEQUENCE: goes up by one each time the session is rearranged.
    sequence = models.PositiveIntegerField(default=0)

    objects = SessionQuerySet.as_manager()

    class Meta:
        ordering = ["date", "starts_at", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["work_group", "number"], name="workgroups_session_number_unique"
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="workgroups_session_ends_after_start",
                violation_error_message="A session must end after it starts.",
            ),
        ]

    def __str__(self) -> str:
        return f"Session {self.number}, {self.date:%-d %B %Y}"

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    def starts(self) -> datetime:
        return _aware(self.date, self.starts_at)

    def ends(self) -> datetime:
        return _aware(self.date, self.ends_at)

    @property
    def location(self) -> str:
        """Where to go: the joining link online, the venue otherwise (both when blended)."""
        parts = [self.venue] if self.mode != Mode.ONLINE else []
        if self.mode != Mode.FACE_TO_FACE and self.joining_link:
            parts.append(self.joining_link)
        return ", ".join(part for part in parts if part)


def _aware(day: date, at: time) -> datetime:
    return timezone.make_aware(datetime.combine(day, at), timezone.get_default_timezone())


class SessionChange(models.Model):
    """One rearrangement of a session: what it was before, what it became, who and why."""

    class Kind(models.TextChoices):
        MOVED = "moved", "New date or time"
        MOVED_ONLINE = "moved_online", "Moved online"
        VENUE_CHANGED = "venue_changed", "New venue or joining link"
        CANCELLED = "cancelled", "Cancelled"
        REINSTATED = "reinstated", "Reinstated"

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="changes")
    kinds = models.JSONField(default=list)
    before = models.JSONField()
    after = models.JSONField()
    reason = models.CharField(max_length=300, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-changed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.session}: {', '.join(self.kinds)}"


class Enrolment(TimeStampedModel):
    """A person from a school in a Work Group, from expressing interest to completing it.

    Written only by the services in `workgroups.services.places` (and completion), which lock
    the Work Group row.
    """

    class Role(models.TextChoices):
        CLASS_TEACHER = "class_teacher", "Class teacher"
        SUBJECT_LEADER = "subject_leader", "Maths subject leader"
        HEAD_OF_DEPARTMENT = "head_of_department", "Head of department"
        TEACHING_ASSISTANT = "teaching_assistant", "Teaching assistant"
        EARLY_CAREER_TEACHER = "early_career_teacher", "Early career teacher"
        SENIOR_LEADER = "senior_leader", "Senior leader"
        OTHER = "other", "Other"

    class Status(models.TextChoices):
        INTERESTED = "interested", "Interested"
        OFFERED = "offered", "Offered a place"
        ENROLLED = "enrolled", "Enrolled"
        COMPLETED = "completed", "Completed"
        WAITLISTED = "waitlisted", "On the waiting list"
        WITHDRAWN = "withdrawn", "Withdrawn"
        DECLINED = "declined", "Declined"

    # The status groups, each defined once and used by name everywhere.
    # Holding a place: they fill the capacity, hear about rearranged sessions and see them
    # in their calendar feed.
    TAKING_PART: ClassVar[tuple[str, ...]] = (Status.OFFERED, Status.ENROLLED, Status.COMPLETED)
    # Members: on the register, in the group space, able to log trials.
    MEMBERS: ClassVar[tuple[str, ...]] = (Status.ENROLLED, Status.COMPLETED)
    # Still asking for a place: these queue, in the order they asked.
    WAITING: ClassVar[tuple[str, ...]] = (Status.WAITLISTED, Status.INTERESTED)
    # Left or turned a place down: they can sign up again or be moved back in.
    CLOSED: ClassVar[tuple[str, ...]] = (Status.WITHDRAWN, Status.DECLINED)

    work_group = models.ForeignKey(WorkGroup, on_delete=models.CASCADE, related_name="enrolments")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments"
    )
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="enrolments")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.INTERESTED)
    role = models.CharField("role in school", max_length=30, choices=Role.choices, blank=True)
    trn = models.CharField("TRN", max_length=7, blank=True, help_text="Teacher reference number.")
    leader_supports = models.BooleanField(
        "school leader supports it", default=False, help_text="Confirmed when signing up."
    )
    # Whom to ask, at the end of the year, how the school supported what the participant
    # learnt (evaluation's school leader questionnaire, Guskey level 3). Optional.
    school_leader_name = models.CharField("school leader's name", max_length=200, blank=True)
    school_leader_email = models.EmailField("school leader's email address", blank=True)
    # Colleagues who sign up together share a batch and are placed together or not at all.
    batch = models.UUIDField(null=True, blank=True, db_index=True)
    # The waiting list's order: when the person first asked for a place.
    requested_at = models.DateTimeField(default=timezone.now)
    offer_expires_at = models.DateTimeField(null=True, blank=True)
    continues_from = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="continued_by",
        help_text="Last year's enrolment this one carries on from.",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["work_group", "user"], name="workgroups_enrolment_once_per_person"
            ),
        ]
        indexes = [
            models.Index(fields=["work_group", "status"]),
            models.Index(fields=["status", "offer_expires_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.work_group} ({self.get_status_display()})"


class ColleagueInvitation(TimeStampedModel):
    """A colleague named on someone's sign-up, asked to confirm before a place is theirs.

    Only the email address is known until they confirm, and nothing about the invitation
    says whether that address has an account. While it is pending it may hold a place
    (`place_held`): it does when its batch was given places, so colleagues who sign up
    together stay together; the place goes on to the next person if they decline or do not
    confirm in time. Written only by `workgroups.services.places`, under the Work Group's lock.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for them to confirm"
        CONFIRMED = "confirmed", "Confirmed"
        DECLINED = "declined", "Declined"
        LAPSED = "lapsed", "Not confirmed in time"
        CANCELLED = "cancelled", "Cancelled: everyone who signed up with them left"

    work_group = models.ForeignKey(WorkGroup, on_delete=models.CASCADE, related_name="invitations")
    # The sign-up's batch: the enrolments of the people who signed up together share it.
    batch = models.UUIDField(db_index=True)
    email = models.EmailField(help_text="Stored lower-cased, as account addresses are.")
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="+")
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    place_held = models.BooleanField(
        default=False, help_text="A place is kept for them until they answer or time runs out."
    )
    # When the sign-up was made: their place in the queue if they confirm.
    requested_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    answered_at = models.DateTimeField(null=True, blank=True)
    enrolment = models.ForeignKey(
        Enrolment, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["batch", "email"], name="workgroups_invitation_once_per_batch"
            ),
            models.CheckConstraint(
                condition=Q(place_held=False) | Q(status="pending"),
                name="workgroups_invitation_holds_only_while_pending",
            ),
        ]
        indexes = [
            models.Index(fields=["work_group", "status"]),
            models.Index(fields=["status", "expires_at"]),
            models.Index(fields=["email", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.email} asked to join {self.work_group} ({self.get_status_display()})"


class ContinuationInvitation(TimeStampedModel):
    """An invitation to one of last year's completers to continue in next year's copy of
    their Work Group. Accepting takes a place through the allocation service before sign-up
    opens to others. Written only by workgroups/services/continuation.py."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for an answer"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"
        WAITLISTED = "waitlisted", "Accepted, on the waiting list"

    work_group = models.ForeignKey(
        WorkGroup, on_delete=models.CASCADE, related_name="continuation_invitations"
    )
    # Last year's completed enrolment this invitation continues.
    previous = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="continuation_invitations"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)
    enrolment = models.OneToOneField(
        Enrolment,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="continuation_invitation",
    )

    class Meta:
        ordering = ["sent_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["work_group", "previous"], name="workgroups_continuation_once"
            ),
        ]

    def __str__(self) -> str:
        return f"Continue in {self.work_group}: {self.get_status_display()}"


def new_calendar_token() -> str:
    return secrets.token_urlsafe(24)


class CalendarFeed(models.Model):
    """A person's secret calendar subscription address; regenerating it retires the old one."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=new_calendar_token)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Calendar feed for {self.user}"


class Attendance(models.Model):
    """One person at one session: present, late, absent, or apologies (sent ahead or not)."""

    class Status(models.TextChoices):
        PRESENT = "present", "Present"
        LATE = "late", "Late"
        ABSENT = "absent", "Absent"
        APOLOGIES = "apologies", "Apologies"

    # Counts as attending, for rates and the completion rule.
    ATTENDED: ClassVar[tuple[str, ...]] = (Status.PRESENT, Status.LATE)
    # Marks only a register gives (apologies can be sent ahead): any of them on a session
    # means its register was taken.
    REGISTER_ONLY: ClassVar[tuple[str, ...]] = (Status.PRESENT, Status.LATE, Status.ABSENT)

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="attendances")
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendances")
    status = models.CharField(max_length=20, choices=Status.choices)
    note = models.CharField(max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "session"], name="workgroups_attendance_once_per_session"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enrolment.user} at {self.session}: {self.get_status_display()}"


class SchoolEngagement(models.Model):
    """A school engaged in an academic year: at least one of its participants completed a
    Work Group. Stored when a completion is recorded, so reports never have to guess."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="engagements")
    academic_year = models.PositiveSmallIntegerField()
    first_completion = models.ForeignKey(
        Enrolment, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["school", "academic_year"], name="workgroups_engagement_once_per_year"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.school} engaged in {AcademicYear(self.academic_year).label}"
