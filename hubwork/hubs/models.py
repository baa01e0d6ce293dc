from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from hubwork.accounts.models import Role
from hubwork.core.choices import Phase
from hubwork.core.models import TimeStampedModel
from hubwork.core.navigation import page_url
from hubwork.schools.models import LocalAuthority, School


class Hub(TimeStampedModel):
    """One of the 40 regional Maths Hubs.

    Its area is a set of local authorities: a school's *local* hub is the one whose area
    covers the school's local authority, though any school may work with any hub.
    """

    name = models.CharField(max_length=150, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    summary = models.TextField(blank=True, help_text="A sentence or two for the public hub page.")
    email = models.EmailField("contact email", blank=True)
    phone = models.CharField("contact phone", max_length=30, blank=True)
    website = models.URLField(blank=True)
    lead_schools = models.ManyToManyField(School, blank=True, related_name="lead_of_hubs")
    local_authorities: "models.ManyToManyField[LocalAuthority, HubArea]" = models.ManyToManyField(
        LocalAuthority, through="HubArea", related_name="hubs", blank=True
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        # The hub's public page shows its offer of Work Groups, so an app above this one
        # renders it and registers it as the "hub" page.
        return page_url("hub", slug=self.slug)


class HubArea(models.Model):
    """One local authority in a hub's area. Each local authority belongs to one hub."""

    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="areas")
    local_authority = models.OneToOneField(
        LocalAuthority, on_delete=models.CASCADE, related_name="hub_area"
    )

    class Meta:
        ordering = ["local_authority__name"]

    def __str__(self) -> str:
        return f"{self.local_authority} in {self.hub}"


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
        COHORT_LEAD = Role.COHORT_LEAD.value, Role.COHORT_LEAD.label
        COMMUNITY_LEAD = Role.COMMUNITY_LEAD.value, Role.COMMUNITY_LEAD.label

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
    # For an LLME: the days a week agreed with this hub (their load is checked against it).
    days_per_week = models.DecimalField(
        "days a week agreed",
        max_digits=2,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(5)],
        help_text="For an LLME: the days a week they work for this hub, such as 0.5 or 1.",
    )

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


class Accreditation(TimeStampedModel):
    """An LLME's accreditation and the year it was achieved. The hubs an LLME leads for are
    their current LLME roles (`HubRole`)."""

    class Kind(models.TextChoices):
        PD_LEAD = "pd_lead", "PD Lead programme"
        MASTERY_SPECIALIST = "mastery_specialist", "Mastery Specialist"
        SPECIALIST_LEAD = "specialist_lead", "Specialist Lead"
        SCHOOL_DEVELOPMENT_LEAD = "school_development_lead", "School Development Lead"
        SECONDARY_MASTERY_SPECIALIST = (
            "secondary_mastery_specialist",
            "Secondary Mastery Specialist",
        )
        EARLY_YEARS_SPECIALIST = "early_years_specialist", "Early Years Specialist"
        POST16_SPECIALIST = "post16_specialist", "Post-16 Specialist"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="accreditations"
    )
    kind = models.CharField(max_length=40, choices=Kind.choices)
    year_achieved = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    renews_on = models.DateField(
        "renewal date",
        null=True,
        blank=True,
        help_text="When the accreditation is due for renewal.",
    )

    class Meta:
        ordering = ["year_achieved", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="hubs_accreditation_once_each"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.year_achieved})"
