"""Becoming and growing as an LLME: applications to hubs, a leader's profile for the national
directory, their development log, pairings, co-leads' planning notes and quality-assurance
visits.

These sit above Work Groups (a co-leads' note belongs to a Work Group, a visit to a session)
and above programmes (an applicant names the programmes they would like to lead), so they live
in their own app rather than in `hubs`, which may not use either. The hub-level facts an LLME
record is built from stay in `hubs`: the LLME role in each hub with the days a week agreed
(`HubRole.days_per_week`) and accreditations (`Accreditation`, with a renewal date).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from hubwork.core.models import TimeStampedModel
from hubwork.hubs.models import Hub
from hubwork.programmes.models import Programme
from hubwork.schools.models import School
from hubwork.workgroups.models import Session, WorkGroup

# Applications ----------------------------------------------------------------------------


class Application(TimeStampedModel):
    """A teacher's application to become an LLME, sent to one or more hubs.

    What the applicant wrote is shared by every hub they applied to; each hub's progress with
    it is a separate `HubApplication`, which only that hub's staff see. Written only by
    leaders/services/applications.py.
    """

    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="llme_applications"
    )
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="+")
    role_in_school = models.CharField("role in school", max_length=200)
    # Phase values (core.choices.Phase), in the order of that list.
    phases = models.JSONField(default=list)
    experience = models.TextField(help_text="Teaching and leadership experience.")
    # Accreditation kinds (hubs.models.Accreditation.Kind) the applicant already holds.
    accreditations_held = models.JSONField(default=list, blank=True)
    programmes = models.ManyToManyField(Programme, blank=True, related_name="+")
    why = models.TextField("why they want to become an LLME")
    school_leader_name = models.CharField("school leader's name", max_length=200)
    school_leader_email = models.EmailField("school leader's email address")
    # Set when the school leader confirms their support by the signed link emailed to them.
    school_leader_confirmed_at = models.DateTimeField(null=True, blank=True)
    school_leader_asked_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-submitted_at", "-pk"]

    def __str__(self) -> str:
        return f"LLME application from {self.applicant}"


class HubApplication(TimeStampedModel):
    """One hub's part of an application, and where that hub has got to with it."""

    class Status(models.TextChoices):
        RECEIVED = "received", "Received"
        SHORTLISTED = "shortlisted", "Shortlisted"
        INTERVIEW_ARRANGED = "interview_arranged", "Interview arranged"
        OFFERED = "offered", "Offered"
        ACCEPTED = "accepted", "Accepted"
        NOT_PROGRESSED = "not_progressed", "Not progressed"
        WITHDRAWN = "withdrawn", "Withdrawn"

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="hub_applications"
    )
    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="llme_applications")
    status = models.CharField(max_length=30, choices=Status.choices, default=Status.RECEIVED)
    status_changed_at = models.DateTimeField(default=timezone.now)
    # Why it was not progressed or withdrawn.
    reason = models.CharField(max_length=500, blank=True)
    interview_at = models.DateTimeField(null=True, blank=True)
    interview_minutes = models.PositiveSmallIntegerField(null=True, blank=True)
    interview_place = models.CharField(
        max_length=300, blank=True, help_text="A venue, or a joining link for an online interview."
    )
    # Bumped on every change to the interview, for its calendar invite (RFC 5545 SEQUENCE).
    interview_sequence = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-status_changed_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "hub"], name="leaders_hubapplication_once_per_hub"
            ),
        ]
        indexes = [models.Index(fields=["hub", "status"])]

    def __str__(self) -> str:
        return f"{self.application} to {self.hub}: {self.get_status_display()}"


class HubApplicationEvent(models.Model):
    """A step in one hub's handling of an application: the pipeline's history."""

    hub_application = models.ForeignKey(
        HubApplication, on_delete=models.CASCADE, related_name="events"
    )
    from_status = models.CharField(max_length=30, blank=True)
    to_status = models.CharField(max_length=30)
    reason = models.CharField(max_length=500, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_status or 'new'} → {self.to_status}"


class HubApplicationNote(TimeStampedModel):
    """A hub staff note on one hub's part of an application (never shown to the applicant)."""

    hub_application = models.ForeignKey(
        HubApplication, on_delete=models.CASCADE, related_name="notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    text = models.TextField()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"Note on {self.hub_application}"


# A leader's own record -------------------------------------------------------------------


class LlmeProfile(TimeStampedModel):
    """What an LLME says about themselves for the national directory, which lists only
    those who agreed to be listed."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="llme_profile"
    )
    listed_in_directory = models.BooleanField(
        "list me in the national directory of LLMEs", default=False
    )
    phases = models.JSONField(default=list, blank=True)
    programmes = models.ManyToManyField(
        Programme, blank=True, related_name="+", verbose_name="programmes I can lead"
    )
    about = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"LLME profile of {self.user}"


class DevelopmentEntry(TimeStampedModel):
    """One entry in an LLME's log of their own professional development."""

    class Kind(models.TextChoices):
        NATIONAL_EVENT = "national_event", "National event"
        TRAINING = "training", "Training"
        READING = "reading", "Reading"
        CO_LEAD_REFLECTION = "co_lead_reflection", "Co-lead reflection"
        OTHER = "other", "Other"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="development_entries"
    )
    kind = models.CharField(max_length=30, choices=Kind.choices)
    on = models.DateField("date")
    title = models.CharField(max_length=200)
    notes = models.TextField(blank=True)
    hours = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)

    class Meta:
        ordering = ["-on", "-pk"]
        verbose_name_plural = "development entries"

    def __str__(self) -> str:
        return f"{self.title} ({self.on})"


class Pairing(TimeStampedModel):
    """A hub pairs a new LLME with an experienced co-lead who supports them."""

    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="llme_pairings")
    llme = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pairings_as_new"
    )
    experienced = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="pairings_as_experienced",
        verbose_name="experienced co-lead",
    )
    starts_on = models.DateField(default=timezone.localdate)
    ends_on = models.DateField(null=True, blank=True)
    note = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(llme=models.F("experienced")),
                name="leaders_pairing_two_people",
                violation_error_message="Pair an LLME with someone else.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.llme} with {self.experienced} ({self.hub})"


class LeadNote(TimeStampedModel):
    """Co-leads' shared planning notes on one Work Group: every lead of it reads and writes."""

    work_group = models.ForeignKey(WorkGroup, on_delete=models.CASCADE, related_name="lead_notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Lead note on {self.work_group}"


class QualityVisit(TimeStampedModel):
    """A quality-assurance visit by hub staff to a session an LLME led, with written feedback
    that the LLME sees and may reply to."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="quality_visits")
    llme = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quality_visits"
    )
    visitor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    feedback = models.TextField()
    reply = models.TextField(blank=True)
    replied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Quality visit to {self.session} ({self.llme})"
