from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from hubwork.accounts.models import Role
from hubwork.core.choices import Phase
from hubwork.core.models import TimeStampedModel


class Hub(TimeStampedModel):
    """One of the 40 regional Maths Hubs."""

    name = models.CharField(max_length=150, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    email = models.EmailField("contact email", blank=True)
    website = models.URLField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class HubRoleQuerySet(models.QuerySet["HubRole"]):
    def current(self, on: date | None = None) -> "HubRoleQuerySet":
        day = on or timezone.localdate()
        return self.filter(Q(starts_on__lte=day), Q(ends_on__isnull=True) | Q(ends_on__gte=day))


class HubRole(TimeStampedModel):
    """A person's role in one hub's team, for a span of dates. Granted and ended by services."""

    class Kind(models.TextChoices):
        HUB_LEAD = Role.HUB_LEAD.value, Role.HUB_LEAD.label
        ASSISTANT_HUB_LEAD = Role.ASSISTANT_HUB_LEAD.value, Role.ASSISTANT_HUB_LEAD.label
        LLME = Role.LLME.value, Role.LLME.label

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="hub_roles"
    )
    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(max_length=30, choices=Kind.choices)
    phase = models.CharField(
        max_length=20,
        choices=Phase.choices,
        blank=True,
        help_text="Assistant hub leads lead one phase.",
    )
    starts_on = models.DateField(default=timezone.localdate)
    ends_on = models.DateField(null=True, blank=True)

    objects = HubRoleQuerySet.as_manager()

    class Meta:
        ordering = ["hub__name", "role", "starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(role="assistant_hub_lead", phase__gt="")
                | (~Q(role="assistant_hub_lead") & Q(phase="")),
                name="hubs_hubrole_phase_only_for_assistant",
                violation_error_message=(
                    "An assistant hub lead needs a phase; other roles have none."
                ),
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="hubs_hubrole_ends_after_start",
                violation_error_message="A role cannot end before it starts.",
            ),
        ]

    def __str__(self) -> str:
        phase = f" ({self.get_phase_display()})" if self.phase else ""
        return f"{self.get_role_display()}{phase}, {self.hub}: {self.user}"

    def clean(self) -> None:
        if self.role == self.Kind.ASSISTANT_HUB_LEAD and not self.phase:
            raise ValidationError({"phase": "Choose the phase this assistant hub lead leads."})
        if self.role != self.Kind.ASSISTANT_HUB_LEAD and self.phase:
            raise ValidationError({"phase": "Only assistant hub leads have a phase."})
