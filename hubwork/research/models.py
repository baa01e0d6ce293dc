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


# --- Readings set for sessions -------------------------------------------------------------


class SessionReading(TimeStampedModel):
    """A reading a Work Group's leads set for members to read before a session, with a guiding
    question or task. Written only by research/services/session_readings.py."""

    session = models.ForeignKey(
        "workgroups.Session", on_delete=models.CASCADE, related_name="readings_set"
    )
    reading = models.ForeignKey(Reading, on_delete=models.PROTECT, related_name="set_for")
    guiding_question = models.TextField(
        "guiding question or task",
        help_text='For example "Read pages 3–7: which of the three strategies would suit '
        'your Year 8 class?"',
    )
    position = models.PositiveSmallIntegerField(default=0)
    # The "engaging with research" activity it was added to the session plan as, if any.
    activity = models.ForeignKey(
        "practice.Activity",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["session", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "reading"],
                name="research_session_reading_once",
                violation_error_message="This reading is already set for this session.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.reading.title} for session {self.session.number}"


class ReadingProgress(TimeStampedModel):
    """One member's progress on a reading set for a session: read or not, private notes (for
    them alone), and a response they may share with the group."""

    session_reading = models.ForeignKey(
        SessionReading, on_delete=models.CASCADE, related_name="progress"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reading_progress"
    )
    done_at = models.DateTimeField(null=True, blank=True)
    private_notes = models.TextField("your private notes", blank=True)
    response = models.TextField("your response for the group", blank=True)
    shared_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["session_reading", "user"], name="research_progress_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} on {self.session_reading}"

    @property
    def is_done(self) -> bool:
        return self.done_at is not None

    @property
    def is_shared(self) -> bool:
        return self.shared_at is not None and bool(self.response.strip())


# --- RIWG research projects ----------------------------------------------------------------


class ResearchProject(TimeStampedModel):
    """An RIWG's small-scale practitioner research, across one or more years (one ProjectYear
    per year's Work Group). Written only by research/services/projects.py, writeups.py,
    reviews.py and data.py."""

    class Status(models.TextChoices):
        PLANNING = "planning", "Planning"
        COLLECTING = "collecting", "Collecting data"
        ANALYSING = "analysing", "Analysing"
        WRITING_UP = "writing_up", "Writing up"
        SUBMITTED = "submitted", "Submitted for review"
        REVIEWED = "reviewed", "Reviewed by the hub"
        PUBLISHED = "published", "Published"

    # Statuses its leads move through themselves; the rest follow reviews.
    LEAD_STATUSES: tuple[str, ...] = (
        Status.PLANNING,
        Status.COLLECTING,
        Status.ANALYSING,
        Status.WRITING_UP,
    )
    DEFAULT_LICENCE = "CC-BY-4.0"

    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="research_projects")
    title = models.CharField(max_length=200)
    question = models.TextField("research question", blank=True)
    context = models.TextField(blank=True, help_text="Why this question, in these schools.")
    method = models.TextField(
        blank=True,
        help_text="How the enquiry cycles will run: plan, act, observe, reflect.",
    )
    readings = models.ManyToManyField(Reading, blank=True, related_name="projects")
    themes = models.ManyToManyField(Theme, blank=True, related_name="projects")
    # The ethics checklist: all three before collecting data.
    ethics_school_agrees = models.BooleanField(
        "each participant's school knows about the project and agrees", default=False
    )
    ethics_no_identifying_data = models.BooleanField(
        "no data that identifies a pupil is collected", default=False
    )
    ethics_aggregate_only = models.BooleanField(
        "only aggregate data (counts, totals, averages) is recorded", default=False
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PLANNING)
    # The write-up, edited by co-leads together (see WriteUpVersion).
    summary = models.TextField(blank=True)
    findings = models.TextField(blank=True)
    implications = models.TextField("implications for teaching", blank=True)
    limitations = models.TextField(blank=True)
    writeup_version = models.PositiveIntegerField(default=0)
    writeup_updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    licence = models.CharField(max_length=40, default=DEFAULT_LICENCE)
    published_at = models.DateTimeField(null=True, blank=True)
    slug = models.SlugField(max_length=100, blank=True)

    class Meta:
        ordering = ["-published_at", "title", "pk"]
        indexes = [
            models.Index(fields=["status", "published_at"]),
            models.Index(fields=["hub", "status"]),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def ethics_complete(self) -> bool:
        return (
            self.ethics_school_agrees
            and self.ethics_no_identifying_data
            and self.ethics_aggregate_only
        )


class ProjectYear(models.Model):
    """One year of a project: the Work Group that ran it that year ("year 2" is the copy of
    year 1's Work Group)."""

    project = models.ForeignKey(ResearchProject, on_delete=models.CASCADE, related_name="years")
    work_group = models.OneToOneField(
        "workgroups.WorkGroup", on_delete=models.CASCADE, related_name="research_year"
    )
    number = models.PositiveSmallIntegerField(default=1)
    timeline = models.TextField(
        blank=True, help_text="What happens when this year: one step a line, with its month."
    )

    class Meta:
        ordering = ["project", "number"]
        constraints = [
            models.UniqueConstraint(fields=["project", "number"], name="research_year_once")
        ]

    def __str__(self) -> str:
        return f"{self.project} — year {self.number}"


class ProjectSchool(models.Model):
    """A school taking part, and whether it agreed to be named in the published write-up."""

    project = models.ForeignKey(ResearchProject, on_delete=models.CASCADE, related_name="schools")
    school = models.ForeignKey("schools.School", on_delete=models.CASCADE, related_name="+")
    named_with_consent = models.BooleanField(
        "the school agreed to be named in the write-up", default=False
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["project", "school"], name="research_school_once")
        ]

    def __str__(self) -> str:
        return str(self.school)


class EnquiryCycle(TimeStampedModel):
    """One participant's practitioner enquiry cycle inside a project: plan (what they asked),
    act (what they did, with which class), observe, reflect (what they concluded)."""

    project = models.ForeignKey(ResearchProject, on_delete=models.CASCADE, related_name="cycles")
    year = models.ForeignKey(ProjectYear, on_delete=models.CASCADE, related_name="cycles")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enquiry_cycles"
    )
    asked = models.TextField("what you asked")
    class_description = models.CharField(
        "which class", max_length=100, help_text='For example "Year 8, set 3". No pupil names.'
    )
    did = models.TextField("what you did", blank=True)
    observed = models.TextField("what you observed", blank=True)
    concluded = models.TextField("what you concluded", blank=True)
    trials = models.ManyToManyField(
        "practice.ClassroomTrial", blank=True, related_name="enquiry_cycles"
    )

    class Meta:
        ordering = ["project", "created_at", "pk"]

    def __str__(self) -> str:
        return self.asked[:80]


class DataTable(TimeStampedModel):
    """A table of aggregate data (counts, totals, averages; never a row per pupil), uploaded
    as CSV or entered on a page. `columns` is a list of {"name", "kind"} with kind "text" or
    "number"; `rows` a list of lists of cells (numbers as numbers)."""

    project = models.ForeignKey(
        ResearchProject, on_delete=models.CASCADE, related_name="data_tables"
    )
    year = models.ForeignKey(ProjectYear, on_delete=models.CASCADE, related_name="data_tables")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    columns = models.JSONField(default=list)
    rows = models.JSONField(default=list)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["project", "created_at", "pk"]

    def __str__(self) -> str:
        return self.title


class WriteUpVersion(models.Model):
    """The write-up as one save left it: the history co-leads can read back."""

    project = models.ForeignKey(
        ResearchProject, on_delete=models.CASCADE, related_name="writeup_versions"
    )
    number = models.PositiveIntegerField()
    summary = models.TextField(blank=True)
    findings = models.TextField(blank=True)
    implications = models.TextField(blank=True)
    limitations = models.TextField(blank=True)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    saved_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["project", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["project", "number"], name="research_writeup_once")
        ]

    def __str__(self) -> str:
        return f"{self.project} — version {self.number}"


class ProjectReview(models.Model):
    """A reviewer's decision on a submitted project: the hub's review (hub staff) returns it
    or passes it on; the national review (national admins) returns it or publishes it."""

    class Stage(models.TextChoices):
        HUB = "hub", "Hub review"
        NATIONAL = "national", "National review"

    class Decision(models.TextChoices):
        RETURNED = "returned", "Returned with comments"
        APPROVED = "approved", "Passed to the national team"
        PUBLISHED = "published", "Published"

    project = models.ForeignKey(ResearchProject, on_delete=models.CASCADE, related_name="reviews")
    stage = models.CharField(max_length=10, choices=Stage.choices)
    decision = models.CharField(max_length=10, choices=Decision.choices)
    comments = models.TextField(blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["project", "-decided_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_stage_display()}: {self.get_decision_display()}"
