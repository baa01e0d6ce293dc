from django.db import models
from django.db.models import Q

from hubwork.core.models import TimeStampedModel


class LocalAuthority(models.Model):
    """A local authority as the national register names it; hubs' areas are made of these."""

    code = models.CharField(max_length=3, unique=True)
    name = models.CharField(max_length=100)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "local authorities"

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class SchoolQuerySet(models.QuerySet["School"]):
    def open(self) -> "SchoolQuerySet":
        return self.exclude(status=School.Status.CLOSED)


class School(TimeStampedModel):
    """An establishment from the national register (GIAS), identified by its URN.

    Colleges are schools too. Rows come from `import_schools`; a school that closes is
    marked closed, never deleted, because past Work Groups still point at it.
    """

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"
        OPEN_PROPOSED_TO_CLOSE = "open_proposed_to_close", "Open, but proposed to close"
        PROPOSED_TO_OPEN = "proposed_to_open", "Proposed to open"

    class Phase(models.TextChoices):
        NOT_APPLICABLE = "not_applicable", "Not applicable"
        NURSERY = "nursery", "Nursery"
        PRIMARY = "primary", "Primary"
        MIDDLE_DEEMED_PRIMARY = "middle_deemed_primary", "Middle deemed primary"
        SECONDARY = "secondary", "Secondary"
        MIDDLE_DEEMED_SECONDARY = "middle_deemed_secondary", "Middle deemed secondary"
        SIXTEEN_PLUS = "16_plus", "16 plus"
        ALL_THROUGH = "all_through", "All-through"

    urn = models.PositiveIntegerField("URN", unique=True)
    ukprn = models.PositiveIntegerField("UKPRN", null=True, blank=True)
    name = models.CharField(max_length=200)
    establishment_type = models.CharField(max_length=100, blank=True)
    establishment_type_group = models.CharField(max_length=100, blank=True)
    status = models.CharField(max_length=30, choices=Status.choices, default=Status.OPEN)
    phase = models.CharField(max_length=30, choices=Phase.choices, default=Phase.NOT_APPLICABLE)
    statutory_low_age = models.PositiveSmallIntegerField(null=True, blank=True)
    statutory_high_age = models.PositiveSmallIntegerField(null=True, blank=True)
    local_authority = models.ForeignKey(
        LocalAuthority, on_delete=models.PROTECT, related_name="schools", null=True, blank=True
    )
    street = models.CharField(max_length=200, blank=True)
    town = models.CharField(max_length=100, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    trust_name = models.CharField(max_length=200, blank=True)
    number_of_pupils = models.PositiveIntegerField(null=True, blank=True)
    percentage_fsm = models.DecimalField(
        "percentage FSM", max_digits=5, decimal_places=2, null=True, blank=True
    )
    opened_on = models.DateField(null=True, blank=True)
    closed_on = models.DateField(null=True, blank=True)
    # Lower-case "name town postcode" and the postcode without spaces, kept by the importer
    # and save(), so searches are simple comparisons (and indexed on PostgreSQL).
    search_text = models.CharField(max_length=330, blank=True, editable=False)
    postcode_key = models.CharField(max_length=8, blank=True, editable=False, db_index=True)

    objects = SchoolQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        indexes = [
            models.Index(fields=["local_authority", "status", "phase"]),
            models.Index(fields=["name"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(percentage_fsm__isnull=True)
                | Q(percentage_fsm__gte=0, percentage_fsm__lte=100),
                name="schools_school_fsm_is_a_percentage",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.urn})"

    def save(self, *args: object, **kwargs: object) -> None:
        self.refresh_search_fields()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "search_text", "postcode_key"}  # type: ignore[misc]
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def refresh_search_fields(self) -> None:
        self.search_text = search_text_for(self.name, self.town, self.postcode)
        self.postcode_key = postcode_key_for(self.postcode)

    @property
    def is_closed(self) -> bool:
        return self.status == self.Status.CLOSED


def search_text_for(name: str, town: str, postcode: str) -> str:
    return " ".join(part for part in (name, town, postcode) if part).lower()[:330]


def postcode_key_for(postcode: str) -> str:
    return postcode.replace(" ", "").upper()[:8]
