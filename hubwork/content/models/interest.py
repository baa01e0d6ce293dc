"""Registered interest: "tell me when a Work Group of this programme and phase opens near me"."""

from django.conf import settings
from django.db import models

from hubwork.core.choices import Phase
from hubwork.core.models import TimeStampedModel
from hubwork.hubs.models import Hub
from hubwork.programmes.models import Programme


class InterestRegistrationQuerySet(models.QuerySet["InterestRegistration"]):
    def waiting(self) -> "InterestRegistrationQuerySet":
        """Confirmed and not yet told about a Work Group."""
        return self.filter(confirmed_at__isnull=False, notified_at__isnull=True)


class InterestRegistration(TimeStampedModel):
    """A request to be emailed once, when a matching Work Group is published.

    A visitor confirms their address first (a signed link); a signed-in teacher's is
    already confirmed. Written only by content/services/interest.py.
    """

    email = models.EmailField()
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="interest_registrations",
    )
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="+")
    # Blank: any phase the programme is for.
    phase = models.CharField(max_length=20, choices=Phase.choices, blank=True)
    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="+")
    confirmed_at = models.DateTimeField(null=True, blank=True)
    notified_at = models.DateTimeField(null=True, blank=True)
    # The Work Group they were told about.
    notified_work_group = models.ForeignKey(
        "workgroups.WorkGroup", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = InterestRegistrationQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["programme", "hub", "notified_at"])]

    def __str__(self) -> str:
        return f"{self.email}: {self.programme} at {self.hub}"
