"""The research library: readings (research items anyone signed in can find) and the themes
they are tagged with. A reading is on the national list (curated by national admins) or on
one hub's list (curated by that hub's staff and LLMEs); the library is every list together.
"""

import re
import unicodedata

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from hubwork.core.choices import Phase
from hubwork.core.models import TimeStampedModel
from hubwork.hubs.models import Hub
from hubwork.research.doi import doi_url

EARLIEST_YEAR = 1800
LATEST_YEAR = 2100


def title_key(title: str) -> str:
    """A title as compared for duplicates: case, accents, punctuation and spacing aside."""
    text = unicodedata.normalize("NFKD", title or "")
    text = "".join(char for char in text if not unicodedata.combining(char))
    return " ".join(re.findall(r"\w+", text.casefold()))[:500]


class Theme(models.Model):
    """A tag readings are found by (e.g. "Bar models", "Oracy")."""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ReadingQuerySet(models.QuerySet["Reading"]):
    def national(self) -> "ReadingQuerySet":
        return self.filter(hub__isnull=True)

    def of_hub(self, hub: Hub) -> "ReadingQuerySet":
        return self.filter(hub=hub)

    def matching(self, text: str) -> "ReadingQuerySet":
        """Readings whose title, authors or summary hold every word of `text`."""
        queryset = self
        for word in text.split()[:10]:
            queryset = queryset.filter(
                Q(title__icontains=word) | Q(authors__icontains=word) | Q(summary__icontains=word)
            )
        return queryset

    def for_phase(self, phase: str) -> "ReadingQuerySet":
        return self.filter(pk__in=ReadingPhase.objects.filter(phase=phase).values("reading_id"))

    def for_theme(self, theme: Theme) -> "ReadingQuerySet":
        return self.filter(
            pk__in=Reading.themes.through.objects.filter(theme=theme).values("reading_id")
        )


class Reading(TimeStampedModel):
    """A research item: who wrote it, when, where it appeared, how to reach it, and what it
    says in plain English. Written only by research/services/readings.py and imports.py."""

    class SourceKind(models.TextChoices):
        JOURNAL_ARTICLE = "journal_article", "Journal article"
        BOOK = "book", "Book"
        CHAPTER = "chapter", "Book chapter"
        REPORT = "report", "Report"
        WEB_PAGE = "web_page", "Web page"
        OTHER = "other", "Other"

    authors = models.CharField(
        max_length=500,
        blank=True,  # an imported web page or report may name none
        help_text='As the reading gives them, for example "Smith, J.; Jones, K."',
    )
    year = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(EARLIEST_YEAR), MaxValueValidator(LATEST_YEAR)],
        help_text="The year it was published.",
    )
    title = models.CharField(max_length=500)
    # The title as compared for duplicates (title_key), kept so the check is one query.
    title_key = models.CharField(max_length=500, editable=False, db_index=True)
    source = models.CharField(
        max_length=300,
        blank=True,
        help_text="The journal, book or organisation it appeared in.",
    )
    source_kind = models.CharField(
        "kind of source", max_length=20, choices=SourceKind.choices, default=SourceKind.OTHER
    )
    doi = models.CharField("DOI", max_length=200, blank=True)
    url = models.URLField("link", max_length=500, blank=True)
    open_access = models.BooleanField(
        "open access", default=False, help_text="Anyone can read it free of charge."
    )
    summary = models.TextField(blank=True, help_text="What it says, in plain English.")
    themes = models.ManyToManyField(Theme, blank=True, related_name="readings")
    # None: the national list. Otherwise the hub whose list it is on.
    hub = models.ForeignKey(
        Hub, null=True, blank=True, on_delete=models.CASCADE, related_name="readings"
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="readings_added",
    )

    objects = ReadingQuerySet.as_manager()

    class Meta:
        ordering = ["title_key", "year", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["doi"],
                condition=~Q(doi=""),
                name="research_reading_doi_unique",
                violation_error_message="A reading with this DOI is already in the library.",
            ),
        ]
        indexes = [models.Index(fields=["hub", "year"])]

    def __str__(self) -> str:
        return self.citation_title

    @property
    def citation_title(self) -> str:
        return f"{self.title} ({self.year or 'n.d.'})"

    @property
    def doi_url(self) -> str:
        return doi_url(self.doi)

    @property
    def link(self) -> str:
        """Where to read it: its DOI's address, or its link."""
        return self.doi_url or self.url

    def phase_labels(self) -> list[str]:
        """Phase labels in school order; needs `phases` prefetched to stay query-free."""
        chosen = {reading_phase.phase for reading_phase in self.phases.all()}
        return [Phase(phase).label for phase in Phase.values if phase in chosen]


class ReadingPhase(models.Model):
    """A phase a reading speaks to (one reading may speak to several)."""

    reading = models.ForeignKey(Reading, on_delete=models.CASCADE, related_name="phases")
    phase = models.CharField(max_length=20, choices=Phase.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["reading", "phase"], name="research_phase_once")
        ]
        indexes = [models.Index(fields=["phase", "reading"])]

    def __str__(self) -> str:
        return self.get_phase_display()
