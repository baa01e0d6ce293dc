from django.db import models

from hubwork.core.models import TimeStampedModel


class School(TimeStampedModel):
    """An establishment from the national register (GIAS), identified by its URN.

    Colleges are schools too. The register's full set of columns and its importer
    come with the national register work; this holds what every part of Hubwork needs.
    """

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"
        OPEN_PROPOSED_TO_CLOSE = "open_proposed_to_close", "Open, but proposed to close"
        PROPOSED_TO_OPEN = "proposed_to_open", "Proposed to open"

    urn = models.PositiveIntegerField("URN", unique=True)
    name = models.CharField(max_length=200, db_index=True)
    phase = models.CharField(max_length=60, blank=True, help_text="Phase of education, as in GIAS.")
    local_authority_code = models.CharField("local authority code", max_length=3, blank=True)
    local_authority_name = models.CharField("local authority", max_length=100, blank=True)
    town = models.CharField(max_length=100, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    status = models.CharField(max_length=30, choices=Status.choices, default=Status.OPEN)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.urn})"
