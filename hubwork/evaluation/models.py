"""Evaluation: the questionnaires (instruments), who is asked to answer them, their answers,
and each Work Group's evaluation report.

Organised by Guskey's five levels of professional development evaluation and the programme's
intended outcomes in the four outcome areas:

- session feedback after every session: level 1, participants' reactions;
- the pre/post questionnaire, answered before the first session and again after the last
  (the same items, matched by person): level 2 (learning) for items on teachers' professional
  learning, level 4 (use) for items on practice, level 5 (pupils, as teachers report it) and
  level 3 (school approaches) likewise;
- the school leader questionnaire at the end of the year: level 3, organisational support.

Questionnaires are versioned. A response keeps the version it answered, so editing a
questionnaire that has responses makes a new version and the old wording stays with the old
answers. Answers are about teachers' own views and classes in aggregate, never about pupils.
"""

import secrets
from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q

from hubwork.core.models import TimeStampedModel
from hubwork.programmes.models import IntendedOutcome, Programme
from hubwork.schools.models import School
from hubwork.workgroups.models import Session, WorkGroup

Area = IntendedOutcome.Area

# Guskey's level for a pre/post item, from the outcome area it measures.
GUSKEY_LEVEL_OF_AREA: dict[str, int] = {
    Area.PROFESSIONAL_LEARNING: 2,
    Area.SCHOOL_APPROACHES: 3,
    Area.PRACTICE: 4,
    Area.PUPIL_LEARNING: 5,
}

GUSKEY_LEVELS: dict[int, str] = {
    1: "Participants' reactions",
    2: "Participants' learning",
    3: "Organisational support and change",
    4: "Participants' use of new knowledge and skills",
    5: "Pupil learning outcomes",
}


class Wave(models.TextChoices):
    """When a form is answered, and so which questionnaire kind it uses."""

    SESSION = "session", "Session feedback"
    PRE = "pre", "Before the Work Group"
    POST = "post", "After the Work Group"
    SCHOOL_LEADER = "school_leader", "School leader"


class QuestionnaireQuerySet(models.QuerySet["Questionnaire"]):
    def current(self) -> "QuestionnaireQuerySet":
        return self.filter(is_current=True)


class Questionnaire(TimeStampedModel):
    """One version of an instrument: a kind, for a programme or (with no programme) the
    national default used by programmes that have none of that kind."""

    class Kind(models.TextChoices):
        SESSION_FEEDBACK = "session_feedback", "Session feedback"
        PRE_POST = "pre_post", "Before and after (pre/post)"
        SCHOOL_LEADER = "school_leader", "School leader"

    WAVES: ClassVar[dict[str, tuple[str, ...]]] = {
        Kind.SESSION_FEEDBACK: (Wave.SESSION,),
        Kind.PRE_POST: (Wave.PRE, Wave.POST),
        Kind.SCHOOL_LEADER: (Wave.SCHOOL_LEADER,),
    }
    KIND_OF_WAVE: ClassVar[dict[str, str]] = {
        Wave.SESSION: Kind.SESSION_FEEDBACK,
        Wave.PRE: Kind.PRE_POST,
        Wave.POST: Kind.PRE_POST,
        Wave.SCHOOL_LEADER: Kind.SCHOOL_LEADER,
    }

    programme = models.ForeignKey(
        Programme,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="questionnaires",
        help_text="Empty: the national default for programmes without their own.",
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    version = models.PositiveSmallIntegerField(default=1)
    # The version new forms use; earlier versions stay for the responses that answered them.
    is_current = models.BooleanField(default=True)
    title = models.CharField(max_length=200)
    introduction = models.TextField(
        blank=True, help_text="Shown above the questions: why we ask and who sees the answers."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = QuestionnaireQuerySet.as_manager()

    class Meta:
        ordering = ["programme__name", "kind", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "kind", "version"], name="evaluation_questionnaire_version"
            ),
        ]
        indexes = [models.Index(fields=["kind", "is_current"])]

    def __str__(self) -> str:
        owner = self.programme.name if self.programme is not None else "National default"
        return f"{owner}: {self.get_kind_display()} (version {self.version})"


class Item(models.Model):
    """One question of a questionnaire version. Its wording never changes once answered:
    a change makes a new version of the questionnaire (evaluation/services/questionnaires)."""

    class Kind(models.TextChoices):
        SCALE = "scale", "Agreement or confidence scale"
        SINGLE_CHOICE = "single_choice", "Single choice"
        MULTIPLE_CHOICE = "multiple_choice", "Several choices"
        NUMBER = "number", "Number"
        FREE_TEXT = "free_text", "Free text"

    class Asked(models.TextChoices):
        """For a pre/post questionnaire: matched items are asked both times."""

        BOTH = "both", "Before and after (matched)"
        PRE = "pre", "Before only"
        POST = "post", "After only"

    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    text = models.CharField("question", max_length=300)
    hint = models.CharField(max_length=300, blank=True)
    required = models.BooleanField(default=True)
    asked = models.CharField(max_length=10, choices=Asked.choices, default=Asked.BOTH)
    # A scale item measures one of the programme's intended outcomes, and so one outcome
    # area; a national default's scale items name the area alone.
    outcome = models.ForeignKey(
        IntendedOutcome,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="evaluation_items",
    )
    area = models.CharField(max_length=30, choices=Area.choices, blank=True)
    # A scale's labelled points, lowest first (1 … len(labels)).
    scale_labels = models.JSONField(default=list, blank=True)
    # The options of a single or multiple choice item, in order.
    choices = models.JSONField(default=list, blank=True)
    min_value = models.IntegerField(null=True, blank=True)
    max_value = models.IntegerField(null=True, blank=True)

    class Meta:
        ordering = ["questionnaire", "position", "pk"]

    def __str__(self) -> str:
        return self.text

    @property
    def scale_points(self) -> int:
        return len(self.scale_labels)

    @property
    def guskey_level(self) -> int | None:
        return GUSKEY_LEVEL_OF_AREA.get(self.area)

    def is_asked_in(self, wave: str) -> bool:
        if wave == Wave.PRE:
            return self.asked in (self.Asked.BOTH, self.Asked.PRE)
        if wave == Wave.POST:
            return self.asked in (self.Asked.BOTH, self.Asked.POST)
        return True


def new_token() -> str:
    return secrets.token_urlsafe(32)


class Invitation(TimeStampedModel):
    """Someone asked to answer a form: a participant holding a place (session feedback, pre,
    post) or a school's leader (one per school per Work Group, reached by a token link).

    It records the emails sent (the first, at most two reminders, and a lead's one extra
    nudge) and so who is a non-respondent. A participant's invitation goes with their
    personal data on erasure; their response stays without it, as an anonymous row.
    """

    MAX_REMINDERS: ClassVar[int] = 2

    work_group = models.ForeignKey(
        WorkGroup, on_delete=models.CASCADE, related_name="evaluation_invitations"
    )
    wave = models.CharField(max_length=20, choices=Wave.choices)
    session = models.ForeignKey(
        Session,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="evaluation_invitations",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="evaluation_invitations",
    )
    # A school leader's request: the school, and whom sign-up named (they need no account).
    school = models.ForeignKey(
        School, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    leader_name = models.CharField(max_length=200, blank=True)
    leader_email = models.EmailField(blank=True)
    token = models.CharField(max_length=64, unique=True, default=new_token)
    sent_at = models.DateTimeField(null=True, blank=True)
    reminders_sent = models.PositiveSmallIntegerField(default=0)
    last_sent_at = models.DateTimeField(null=True, blank=True)
    nudged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["session", "user"],
                condition=Q(wave="session"),
                name="evaluation_invitation_session_once",
            ),
            models.UniqueConstraint(
                fields=["work_group", "wave", "user"],
                condition=Q(wave__in=["pre", "post"]),
                name="evaluation_invitation_pre_post_once",
            ),
            models.UniqueConstraint(
                fields=["work_group", "school"],
                condition=Q(wave="school_leader"),
                name="evaluation_invitation_leader_once_per_school",
            ),
        ]
        indexes = [models.Index(fields=["work_group", "wave"])]

    def __str__(self) -> str:
        return f"{self.get_wave_display()} for {self.work_group}"


class ResponseQuerySet(models.QuerySet["Response"]):
    def of(self, user: Any) -> "ResponseQuerySet":
        """The person's responses: answered by them, or to an invitation addressed to them."""
        return self.filter(Q(respondent=user) | Q(invitation__user=user))

    def to_form(
        self, *, wave: str, work_group: Any, session: Any, user: Any, invitation: Any
    ) -> "ResponseQuerySet":
        """The response (at most one) a participant (`user`) or a school leader
        (`invitation`) gave to one form: a session's feedback, or a Work Group's pre or post."""
        if user is None:
            return self.filter(invitation=invitation) if invitation else self.none()
        if wave == Wave.SESSION:
            return self.filter(wave=wave, session=session, respondent=user)
        return self.filter(wave=wave, work_group=work_group, respondent=user)


class Response(models.Model):
    """A completed form. Saved again (not duplicated) when its author changes an answer
    before the form closes. `invitation` says whose it is; on erasure it is emptied and the
    response stays, anonymous, in the counts."""

    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.PROTECT, related_name="responses"
    )
    wave = models.CharField(max_length=20, choices=Wave.choices)
    work_group = models.ForeignKey(
        WorkGroup, on_delete=models.CASCADE, related_name="evaluation_responses"
    )
    session = models.ForeignKey(
        Session,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="evaluation_responses",
    )
    invitation = models.OneToOneField(
        Invitation, null=True, blank=True, on_delete=models.SET_NULL, related_name="response"
    )
    # Who answered, for matching pre with post; emptied on erasure with the invitation.
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="evaluation_responses",
    )
    submitted_at = models.DateTimeField()
    updated_at = models.DateTimeField(auto_now=True)

    objects = ResponseQuerySet.as_manager()

    class Meta:
        # One response per person per form: a second submission (a double click, another
        # tab) changes the first.
        constraints = [
            models.UniqueConstraint(
                fields=["session", "respondent"],
                condition=Q(wave="session"),
                name="evaluation_response_session_once",
            ),
            models.UniqueConstraint(
                fields=["work_group", "wave", "respondent"],
                condition=Q(wave__in=["pre", "post"]),
                name="evaluation_response_pre_post_once",
            ),
        ]
        indexes = [
            models.Index(fields=["work_group", "wave"]),
            models.Index(fields=["session"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_wave_display()} response for {self.work_group}"


class Answer(models.Model):
    """One item's answer: a scale point or a number in `number`, a single choice as its
    option's index in `number`, several choices as indexes in `choice_list`, free text in
    `text`. An item left blank has no answer row."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="answers")
    number = models.IntegerField(null=True, blank=True)
    choice_list = models.JSONField(null=True, blank=True)
    text = models.TextField(blank=True, max_length=4000)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "item"], name="evaluation_answer_once")
        ]
        indexes = [models.Index(fields=["item", "number"])]

    def __str__(self) -> str:
        return f"Answer to {self.item}"


class EvaluationReport(TimeStampedModel):
    """A Work Group's evaluation report: assembled from the figures, with its leads' words
    against each intended outcome. Draft → submitted by a lead → accepted by hub staff (or
    returned with comments, and so a draft again). Accepted, it is locked: the figures it was
    accepted with are kept in `snapshot`."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"
        RETURNED = "returned", "Returned with comments"
        ACCEPTED = "accepted", "Accepted"

    # Leads may edit it in these states.
    EDITABLE: ClassVar[tuple[str, ...]] = (Status.DRAFT, Status.RETURNED)

    work_group = models.OneToOneField(
        WorkGroup, on_delete=models.CASCADE, related_name="evaluation_report"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    summary = models.TextField("overall summary", blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    comments = models.TextField("comments from hub staff", blank=True)
    snapshot = models.JSONField(null=True, blank=True)
    # Optimistic lock: a save names the version it edited.
    version = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["status"])]

    def __str__(self) -> str:
        return f"Evaluation report for {self.work_group}"

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE


class OutcomeNarrative(models.Model):
    """The leads' words on one intended outcome in their report."""

    report = models.ForeignKey(
        EvaluationReport, on_delete=models.CASCADE, related_name="narratives"
    )
    outcome = models.ForeignKey(IntendedOutcome, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(blank=True, max_length=6000)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["report", "outcome"], name="evaluation_narrative_once_per_outcome"
            )
        ]

    def __str__(self) -> str:
        return f"On {self.outcome}"
