"""Session feedback as leads and hub staff see it: anonymous aggregates, never who said what.

Per session: how many were asked (participants holding a place) and answered, and per item
a distribution (a count per scale point or choice), the median for scale and number items,
and the free-text comments without names, sorted by their words (so their order says
nothing about who wrote them or when). A session with fewer than
`analysis.MIN_FEEDBACK_RESPONSES` responses shows nothing but its counts, with the reason.

Everything is counted in the database, grouped by session, item and value, so the number of
queries does not grow with the sessions or the responses (`feedback_by_session` is the trend
across a Work Group's sessions).
"""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q
from django.utils import timezone

from hubwork.evaluation import analysis
from hubwork.evaluation.models import Answer, Item, Response, Wave
from hubwork.workgroups.models import Enrolment, Session, WorkGroup

TOO_FEW_REASON = (
    f"Fewer than {analysis.MIN_FEEDBACK_RESPONSES} people answered, so nothing is shown: "
    "with so few, answers could be traced to the person."
)
NOBODY_ASKED_REASON = "Nobody was asked: the Work Group had no participants with a place."

# Items whose answers are counted per value (scale points, single choices) and those
# summarised by a median of their values.
COUNTED_KINDS = (Item.Kind.SCALE, Item.Kind.SINGLE_CHOICE)


@dataclass(frozen=True)
class ItemSummary:
    """One question's answers: `labels[i]` was chosen `counts[i]` times (scale points
    lowest first, or the choices in order); `n` people answered it. A number item has no
    labels, only `n` and its median. `median_label` names the median in words."""

    item_id: int
    text: str
    kind: str
    labels: list[str]
    counts: list[int]
    n: int
    median: float | None
    median_label: str

    @property
    def rows(self) -> list[tuple[str, int]]:
        return list(zip(self.labels, self.counts, strict=True))


@dataclass(frozen=True)
class SessionFeedback:
    session_id: int
    number: int
    date: date
    asked: int
    responded: int
    shown: bool
    reason: str
    items: list[ItemSummary] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)

    @property
    def response_rate(self) -> float | None:
        return analysis.rate(self.responded, self.asked)

    @property
    def response_rate_text(self) -> str:
        """ "9 of 12 (75%)", or "none asked"."""
        return analysis.percent(self.responded, self.asked)


def session_feedback(session: Session) -> SessionFeedback:
    """The anonymous feedback of one session."""
    asked = _places_held(session.work_group_id)
    return _summarise([session], asked)[0]


def feedback_by_session(work_group: WorkGroup) -> list[SessionFeedback]:
    """Every held session's feedback (sessions that went ahead and have ended), in order:
    the trend across the Work Group. A fixed number of queries however many sessions."""
    now = timezone.localtime()
    sessions = list(
        Session.objects.filter(work_group=work_group)
        .exclude(status=Session.Status.CANCELLED)
        .filter(Q(date__lt=now.date()) | Q(date=now.date(), ends_at__lte=now.time()))
        .order_by("date", "starts_at", "number")
    )
    if not sessions:
        return []
    return _summarise(sessions, _places_held(work_group.pk))


def _places_held(work_group_id: int) -> int:
    """Participants holding a place: those asked for feedback."""
    return Enrolment.objects.filter(
        work_group_id=work_group_id, status__in=Enrolment.MEMBERS
    ).count()


def _summarise(sessions: Sequence[Session], asked: int) -> list[SessionFeedback]:
    session_ids = [session.pk for session in sessions]
    responded = dict(
        Response.objects.filter(session_id__in=session_ids, wave=Wave.SESSION)
        .order_by()
        .values("session_id")
        .annotate(count=Count("pk"))
        .values_list("session_id", "count")
    )
    shown_ids = [
        pk for pk in session_ids if responded.get(pk, 0) >= analysis.MIN_FEEDBACK_RESPONSES
    ]
    items_by_session: dict[int, list[Item]] = defaultdict(list)
    counts: dict[tuple[int, int], dict[int, int]] = defaultdict(dict)
    choice_counts: dict[tuple[int, int], dict[int, int]] = defaultdict(lambda: defaultdict(int))
    answered: dict[tuple[int, int], int] = {}
    comments: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
    if shown_ids:
        answers = Answer.objects.filter(
            response__session_id__in=shown_ids, response__wave=Wave.SESSION
        ).order_by()
        # The questionnaire versions each session's responses answered, and their items.
        used = (
            Response.objects.filter(session_id__in=shown_ids, wave=Wave.SESSION)
            .order_by()
            .values_list("session_id", "questionnaire_id")
            .distinct()
        )
        questionnaires_of: dict[int, set[int]] = defaultdict(set)
        for session_id, questionnaire_id in used:
            if session_id is not None:
                questionnaires_of[session_id].add(questionnaire_id)
        items = list(
            Item.objects.filter(
                questionnaire_id__in={pk for pks in questionnaires_of.values() for pk in pks}
            ).order_by("questionnaire_id", "position", "pk")
        )
        for session_id in shown_ids:
            items_by_session[session_id] = [
                item for item in items if item.questionnaire_id in questionnaires_of[session_id]
            ]
        # A count per value of each scale, single choice and number item …
        for session_id, item_id, value, count in (
            answers.filter(item__kind__in=(*COUNTED_KINDS, Item.Kind.NUMBER), number__isnull=False)
            .values("response__session_id", "item_id", "number")
            .annotate(count=Count("pk"))
            .values_list("response__session_id", "item_id", "number", "count")
        ):
            if value is not None:
                counts[(session_id, item_id)][value] = count
        # … per distinct set of choices of each multiple choice item (expanded below) …
        for session_id, item_id, chosen, count in (
            answers.filter(item__kind=Item.Kind.MULTIPLE_CHOICE, choice_list__isnull=False)
            .values("response__session_id", "item_id", "choice_list")
            .annotate(count=Count("pk"))
            .values_list("response__session_id", "item_id", "choice_list", "count")
        ):
            answered[(session_id, item_id)] = answered.get((session_id, item_id), 0) + count
            for index in set(chosen or ()):
                choice_counts[(session_id, item_id)][index] += count
        # … and the comments, by item and then by their words (not by who or when).
        for session_id, position, item_id, text in (
            answers.filter(item__kind=Item.Kind.FREE_TEXT)
            .exclude(text="")
            .values_list("response__session_id", "item__position", "item_id", "text")
        ):
            comments[session_id].append((position, item_id, text.strip()))

    results = []
    for session in sessions:
        count = responded.get(session.pk, 0)
        shown = session.pk in shown_ids
        reason = ""
        if not shown:
            reason = NOBODY_ASKED_REASON if not asked and not count else TOO_FEW_REASON
        summaries = (
            [
                item_summary(
                    item,
                    counts.get((session.pk, item.pk), {}),
                    choice_counts.get((session.pk, item.pk), {}),
                    answered.get((session.pk, item.pk), 0),
                )
                for item in items_by_session[session.pk]
                if item.kind != Item.Kind.FREE_TEXT
            ]
            if shown
            else []
        )
        results.append(
            SessionFeedback(
                session_id=session.pk,
                number=session.number,
                date=session.date,
                asked=asked,
                responded=count,
                shown=shown,
                reason=reason,
                items=summaries,
                comments=[text for *_, text in sorted(comments[session.pk]) if text]
                if shown
                else [],
            )
        )
    return results


def item_summary(
    item: Item, counts: dict[int, int], choice_counts: dict[int, int], answered: int
) -> ItemSummary:
    if item.kind == Item.Kind.SCALE:
        labels = [str(label) for label in item.scale_labels]
        # Scale points are 1 … len(labels).
        tallies = [counts.get(point, 0) for point in range(1, len(labels) + 1)]
        middle = median_of_counts(counts)
        return ItemSummary(
            item_id=item.pk,
            text=item.text,
            kind=item.kind,
            labels=labels,
            counts=tallies,
            n=sum(counts.values()),
            median=middle,
            median_label=scale_label_at(labels, middle),
        )
    if item.kind == Item.Kind.NUMBER:
        middle = median_of_counts(counts)
        return ItemSummary(
            item_id=item.pk,
            text=item.text,
            kind=item.kind,
            labels=[],
            counts=[],
            n=sum(counts.values()),
            median=middle,
            median_label=analysis.number(middle).removesuffix(".0") if middle is not None else "",
        )
    labels = [str(choice) for choice in item.choices]
    # A choice is stored as its option's index (0 …).
    source = counts if item.kind == Item.Kind.SINGLE_CHOICE else choice_counts
    tallies = [source.get(index, 0) for index in range(len(labels))]
    n = sum(counts.values()) if item.kind == Item.Kind.SINGLE_CHOICE else answered
    return ItemSummary(
        item_id=item.pk,
        text=item.text,
        kind=item.kind,
        labels=labels,
        counts=tallies,
        n=n,
        median=None,
        median_label="",
    )


def median_of_counts(counts: dict[int, int]) -> float | None:
    """The median of values given as {value: how many}, without expanding them."""
    total = sum(counts.values())
    if not total:
        return None
    ordered = sorted(counts.items())

    def value_at(rank: int) -> int:
        seen = 0
        for value, count in ordered:
            seen += count
            if rank < seen:
                return value
        return ordered[-1][0]

    if total % 2:
        return float(value_at(total // 2))
    return (value_at(total // 2 - 1) + value_at(total // 2)) / 2


def scale_label_at(labels: Sequence[str], point: float | None) -> str:
    """A scale point's label; halfway between two points, both ("between Agree and Strongly
    agree")."""
    if point is None or not labels:
        return ""
    low, high = int(point // 1), int(-(-point // 1))
    if not 1 <= low <= len(labels) or not 1 <= high <= len(labels):
        return analysis.number(point)
    if low == high:
        return labels[low - 1]
    return f"between {labels[low - 1]} and {labels[high - 1]}"


def agreement_summary(summary: ItemSummary, *, top: int = 2) -> str:
    """One sentence on a scale item: "Of 12 who answered, 9 chose Agree or Strongly agree;
    the median was Agree." — the top `top` points counted together."""
    if summary.n == 0:
        return "Nobody answered this question."
    if summary.kind != Item.Kind.SCALE or len(summary.labels) < 3:
        best = max(range(len(summary.counts)), key=lambda index: summary.counts[index], default=0)
        if not summary.labels:
            return f"Of {summary.n} who answered, the median was {summary.median_label}."
        return (
            f"Of {summary.n} who answered, the most chosen was “{summary.labels[best]}” "
            f"({summary.counts[best]})."
        )
    upper = summary.labels[-top:]
    together = sum(summary.counts[-top:])
    return (
        f"Of {summary.n} who answered, {together} {_chose(upper)}; "
        f"the median was {summary.median_label}."
    )


# Past tenses of the usual agreement labels: "agreed or strongly agreed" reads better than
# "chose Agree or Strongly agree".
_PAST = {"agree": "agreed", "strongly agree": "strongly agreed"}


def _chose(labels: Sequence[str]) -> str:
    if all(label.strip().lower() in _PAST for label in labels):
        return " or ".join(_PAST[label.strip().lower()] for label in labels)
    return "chose " + " or ".join(f"“{label}”" for label in labels)
