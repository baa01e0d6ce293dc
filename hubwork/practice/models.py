"""The loop between sessions: session plans of timed activities, gap tasks, classroom
trials with their evidence, reflections, outputs and each Work Group's discussion thread.

Everything here is written through the services of its subject (`services/plans.py`,
`gap_tasks.py`, `trials.py`, `evidence.py`, `reflections.py`, `outputs.py`, `group.py`);
pages read it through `selectors/` and reach it through the getters in
`practice.permissions`.
"""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from hubwork.core.models import TimeStampedModel
from hubwork.programmes.models import Programme
from hubwork.workgroups.models import Session, WorkGroup

MAX_ACTIVITY_MINUTES = 480


class SessionPlan(TimeStampedModel):
    """The timed activities for one session, or a programme's template for its Nth session.

    `version` goes up with every saved change; an edit made from an older version is refused
    so co-leads never silently overwrite each other (see `plans.plan_save`).
    """

    session = models.OneToOneField(
        Session, null=True, blank=True, on_delete=models.CASCADE, related_name="plan"
    )
    programme = models.ForeignKey(
        Programme,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="template_plans",
        help_text="Set for a programme's template plan, which Work Groups copy and adapt.",
    )
    template_number = models.PositiveSmallIntegerField(
        "session number",
        null=True,
        blank=True,
        help_text="Which session of the programme this template is for.",
    )
    template_minutes = models.PositiveSmallIntegerField(
        "session length in minutes",
        null=True,
        blank=True,
        validators=[MinValueValidator(15), MaxValueValidator(MAX_ACTIVITY_MINUTES)],
        help_text="How long a session this template is designed for.",
    )
    version = models.PositiveIntegerField(default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(session__isnull=False, programme__isnull=True, template_number__isnull=True)
                    | Q(
                        session__isnull=True, programme__isnull=False, template_number__isnull=False
                    )
                ),
                name="practice_plan_for_session_or_programme_template",
            ),
            models.UniqueConstraint(
                fields=["programme", "template_number"],
                name="practice_plan_one_template_per_session_number",
            ),
        ]

    def __str__(self) -> str:
        if self.session_id:
            return f"Plan for {self.session}"
        return f"{self.programme} template, session {self.template_number}"

    @property
    def is_template(self) -> bool:
        return self.programme_id is not None


class Activity(models.Model):
    """One timed part of a session plan."""

    class Kind(models.TextChoices):
        INPUT = "input", "Input"
        DISCUSSION = "discussion", "Group discussion"
        RESEARCH = "research", "Engaging with research"
        PLANNING = "planning", "Collaborative planning"
        EVALUATING = "evaluating", "Evaluating trials"
        REFLECTION = "reflection", "Reflection"
        BREAK = "break", "Break"

    plan = models.ForeignKey(SessionPlan, on_delete=models.CASCADE, related_name="activities")
    position = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    minutes = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(MAX_ACTIVITY_MINUTES)]
    )
    notes = models.TextField(blank=True)
    materials = models.TextField(blank=True)
    # Codes from `programmes.mechanisms.Mechanism`: a fixed catalogue of 14.
    mechanisms = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name_plural = "activities"

    def __str__(self) -> str:
        return f"{self.title} ({self.minutes} min)"


class GapTask(TimeStampedModel):
    """What leads ask participants to try with their classes after a session."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="gap_tasks")
    title = models.CharField("what to try", max_length=200)
    description = models.TextField("details", blank=True)
    classes = models.CharField(
        "with which classes or year groups",
        max_length=200,
        blank=True,
        help_text="For example, “any Key Stage 2 class” or “Year 7”.",
    )
    due_on = models.DateField("by when")
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.title


class ClassroomTrial(TimeStampedModel):
    """What a participant tried with a class and what happened. A private draft until the
    participant shares it with their Work Group (`shared_at` set)."""

    class Rating(models.IntegerChoices):
        NONE = 1, "No noticeable impact"
        LITTLE = 2, "A little impact"
        SOME = 3, "Some impact"
        GOOD = 4, "Good impact"
        STRONG = 5, "Strong impact"

    work_group = models.ForeignKey(WorkGroup, on_delete=models.CASCADE, related_name="trials")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="classroom_trials"
    )
    gap_task = models.ForeignKey(
        GapTask,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="trials",
        help_text="Empty when the trial is the participant's own idea.",
    )
    own_idea = models.CharField("your own idea", max_length=200, blank=True)
    class_or_year_group = models.CharField("class or year group", max_length=100)
    tried_on = models.DateField("date")
    what_tried = models.TextField("what you tried")
    what_happened = models.TextField("what happened", blank=True)
    pupil_response = models.TextField("how pupils responded", blank=True)
    impact_rating = models.PositiveSmallIntegerField(
        "your rating of its impact", choices=Rating.choices, null=True, blank=True
    )
    next_steps = models.TextField("what you will do next", blank=True)
    # An optional class-level measure before and after, in numbers only, never pupils:
    # "18 of 27 answered the diagnostic question correctly" (evaluation, Guskey level 5).
    measure = models.CharField("what you measured", max_length=200, blank=True)
    pupils_measured = models.PositiveSmallIntegerField(
        "pupils in the class who took part", null=True, blank=True
    )
    succeeded_before = models.PositiveSmallIntegerField(
        "how many succeeded before", null=True, blank=True
    )
    succeeded_after = models.PositiveSmallIntegerField(
        "how many succeeded after", null=True, blank=True
    )
    shared_at = models.DateTimeField(null=True, blank=True)
    # When the retention rule deleted the trial's evidence files, so its page can say so.
    evidence_deleted_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-tried_on", "-pk"]
        indexes = [models.Index(fields=["work_group", "shared_at"])]

    def __str__(self) -> str:
        return f"{self.topic} ({self.class_or_year_group}, {self.tried_on:%d %b %Y})"

    @property
    def topic(self) -> str:
        """The gap task's title, or the participant's own idea."""
        return self.gap_task.title if self.gap_task else self.own_idea or "Own idea"

    @property
    def is_shared(self) -> bool:
        return self.shared_at is not None


def private_upload_path(instance: models.Model, filename: str) -> str:
    """A random name under a folder per kind: the original name is kept on the row, never in
    the stored path, and nothing under it is served except through a permission check."""
    suffix = PurePath(filename).suffix.lower()
    return f"private/{instance._meta.model_name}/{uuid.uuid4().hex}{suffix}"


def preview_upload_path(instance: models.Model, filename: str) -> str:
    """Previews keep a folder of their own, beside the files they show."""
    return f"private/{instance._meta.model_name}-preview/{uuid.uuid4().hex}.jpg"


class Evidence(models.Model):
    """A file (image or PDF) supporting a trial; images are stored with metadata stripped.

    Each file also gets a small preview of the image or of a PDF's first page, made once when
    it is uploaded (a JPEG made from pixels alone, so metadata-free) and stored privately
    beside it, served only through the evidence getter; a PDF keeps its number of pages."""

    trial = models.ForeignKey(ClassroomTrial, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(upload_to=private_upload_path, max_length=200)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(help_text="Bytes, as stored.")
    preview = models.FileField(upload_to=preview_upload_path, max_length=200, blank=True)
    preview_width = models.PositiveSmallIntegerField(null=True, blank=True)
    preview_height = models.PositiveSmallIntegerField(null=True, blank=True)
    page_count = models.PositiveIntegerField(null=True, blank=True, help_text="For a PDF.")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name_plural = "evidence"

    def __str__(self) -> str:
        return self.original_name


class Reflection(TimeStampedModel):
    """A participant's private journal entry on how an idea could become part of their
    practice."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reflections"
    )
    work_group = models.ForeignKey(
        WorkGroup, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    idea = models.CharField("the idea", max_length=200)
    body = models.TextField("how it could become part of your practice")

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.idea


class Output(TimeStampedModel):
    """The tangible thing a participant takes back to school."""

    class Kind(models.TextChoices):
        RESOURCE = "resource", "A resource"
        SCHEME_OF_WORK = "scheme_of_work", "A scheme of work"
        POLICY = "policy", "A policy"
        PRESENTATION = "presentation", "A presentation"
        OTHER = "other", "Something else"

    class Visibility(models.TextChoices):
        PRIVATE = "private", "Only me"
        GROUP = "group", "My Work Group"
        HUB = "hub", "The Maths Hub"
        NATIONAL = "national", "Everyone in Hubwork, nationally"

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="outputs"
    )
    work_group = models.ForeignKey(WorkGroup, on_delete=models.CASCADE, related_name="outputs")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    link = models.URLField(max_length=500, blank=True)
    file = models.FileField(upload_to=private_upload_path, max_length=200, blank=True)
    original_name = models.CharField(max_length=200, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    visibility = models.CharField(
        "who can see it", max_length=20, choices=Visibility.choices, default=Visibility.GROUP
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["visibility", "created_at"])]

    def __str__(self) -> str:
        return self.title


class DiscussionPost(models.Model):
    """One message in a Work Group's discussion thread."""

    work_group = models.ForeignKey(
        WorkGroup, on_delete=models.CASCADE, related_name="discussion_posts"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(max_length=4000)
    created_at = models.DateTimeField(auto_now_add=True)
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["work_group", "created_at"])]

    def __str__(self) -> str:
        return f"Post {self.pk} in {self.work_group_id}"


class ReminderSent(models.Model):
    """One reminder email, kept so the daily job never sends the same reminder twice."""

    class Kind(models.TextChoices):
        TRIAL_DUE = "trial_due", "Trial not yet logged"
        PLAN_MISSING = "plan_missing", "Session has no plan"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "session", "user"], name="practice_reminder_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} to {self.user_id} for {self.session_id}"


class ContactSharing(models.Model):
    """A member's choice to show their email address to the rest of their Work Group. No
    row, no contact details: members see each other's names only until they opt in."""

    work_group = models.ForeignKey(WorkGroup, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["work_group", "user"], name="practice_contact_sharing_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} shares contact in {self.work_group_id}"
