from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from hubwork.core.choices import Phase
from hubwork.core.models import TimeStampedModel
from hubwork.hubs.models import Accreditation


class Mode(models.TextChoices):
    """How a Work Group or one of its sessions meets."""

    FACE_TO_FACE = "face_to_face", "Face to face"
    ONLINE = "online", "Online"
    BLENDED = "blended", "Blended"


class ProgrammeQuerySet(models.QuerySet["Programme"]):
    def for_phase(self, phase: str) -> "ProgrammeQuerySet":
        return self.filter(phases__phase=phase)


class Programme(TimeStampedModel):
    """A national design that hubs run as Work Groups."""

    class Kind(models.TextChoices):
        WORK_GROUP = "work_group", "Work Group"
        RIWG = "riwg", "Research and innovation Work Group"
        SPECIALIST = "specialist", "Specialist programme"
        COMMUNITY = "community", "Community"

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.WORK_GROUP)
    summary = models.TextField(help_text="Who it is for and what it does, in plain English.")
    # The recommended pattern; each Work Group sets its own sessions.
    recommended_sessions = models.PositiveSmallIntegerField(
        default=3, validators=[MinValueValidator(1), MaxValueValidator(30)]
    )
    recommended_hours_per_session = models.DecimalField(
        max_digits=3,
        decimal_places=1,
        default=3,
        validators=[MinValueValidator(0.5), MaxValueValidator(8)],
    )
    recommended_mode = models.CharField(max_length=20, choices=Mode.choices, default=Mode.BLENDED)
    # Eligibility rules.
    requires_completion_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="leads_on_to",
        help_text="A school must have completed this programme first.",
    )
    once_per_school = models.BooleanField(
        default=False, help_text="A school may take part only once."
    )
    completion_min_sessions = models.PositiveSmallIntegerField(
        "sessions to attend to complete",
        null=True,
        blank=True,
        help_text="Present or late at this many sessions. Empty: every session that went ahead.",
    )
    trn_required = models.BooleanField(
        "TRN required", default=False, help_text="Participants give their teacher reference number."
    )
    # A training programme for leaders (the PD Lead programme): completing one of its Work
    # Groups grants this accreditation and makes the participant an LLME of the hub.
    accreditation = models.CharField(
        "accreditation granted on completion",
        max_length=40,
        choices=Accreditation.Kind.choices,
        blank=True,
        help_text="Completing a Work Group of this programme accredits its participants.",
    )

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def phase_list(self) -> list[str]:
        """Phase labels in school order; needs `phases` prefetched to stay query-free."""
        order = list(Phase.values)
        phases = sorted((p.phase for p in self.phases.all()), key=order.index)
        return [Phase(phase).label for phase in phases]


class ProgrammePhase(models.Model):
    """A phase a programme is for (a programme such as Years 5–8 Continuity spans two)."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="phases")
    phase = models.CharField(max_length=20, choices=Phase.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["programme", "phase"], name="programmes_phase_once")
        ]

    def __str__(self) -> str:
        return self.get_phase_display()


class IntendedOutcome(models.Model):
    """What a programme intends to change, under one of the four outcome areas."""

    class Area(models.TextChoices):
        PROFESSIONAL_LEARNING = "professional_learning", "Teachers' professional learning"
        PRACTICE = "practice", "Practice development"
        PUPIL_LEARNING = "pupil_learning", "Pupil learning"
        SCHOOL_APPROACHES = "school_approaches", "School and department approaches and policies"

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="outcomes")
    area = models.CharField(max_length=30, choices=Area.choices)
    text = models.CharField(max_length=300)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["area", "position", "pk"]

    def __str__(self) -> str:
        return self.text
