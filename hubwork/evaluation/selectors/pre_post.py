"""Pre/post change, matched pairs only, per intended outcome and per outcome area.

A person's score on an outcome, before and after, is the mean of their scale answers to the
items tied to that outcome (items asked both times), and on an area the mean over all that
area's items. A pair is one person (in one Work Group) with a score both before and after;
those with only one are counted as unmatched (pre only, post only), as are answers whose
author has been erased (their responses stay, anonymous, and cannot be paired). Items of
different questionnaire versions measuring the same outcome pool by the outcome; a national
default's items, tied to an area but no outcome, pool by their wording.

Under `analysis.MIN_MATCHED_PAIRS` pairs, only the counts are given, with the reason.

The answers are averaged in the database: one grouped query returns, per Work Group, person,
outcome and wave, the sum and count of the answers; pairing happens on those rows. So the
number of queries is the same however many Work Groups, people or answers, and
`pre_post_for_groups` works out many groups of Work Groups (the hubs of a programme and
England) from the same queries.
"""

from collections import defaultdict
from collections.abc import Collection, Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple, TypeVar

from django.db import connection
from django.db.models import Case, CharField, Count, F, Q, QuerySet, Sum, Value, When

from hubwork.evaluation import analysis
from hubwork.evaluation.analysis import PairedStats
from hubwork.evaluation.models import GUSKEY_LEVEL_OF_AREA, Answer, Area, Item, Response, Wave
from hubwork.workgroups.models import Enrolment, WorkGroup

K = TypeVar("K", bound=Hashable)

TOO_FEW_REASON = (
    f"Fewer than {analysis.MIN_MATCHED_PAIRS} teachers answered both before and after, "
    "so no change is worked out."
)

AREA_ORDER = sorted(Area.values, key=lambda area: GUSKEY_LEVEL_OF_AREA.get(area, 9))


@dataclass(frozen=True)
class Change:
    """The change in one intended outcome (or one outcome area): counts always, and the
    statistics and sentence only when `shown`."""

    label: str
    area: str
    area_label: str
    guskey_level: int | None
    scale_points: int | None
    n_matched: int
    n_pre_only: int
    n_post_only: int
    shown: bool
    reason: str
    stats: PairedStats | None
    sentence: str

    @property
    def n_unmatched(self) -> int:
        return self.n_pre_only + self.n_post_only

    @property
    def counts_text(self) -> str:
        """ "12 answered both; 3 only before, 1 only after." """
        return (
            f"{self.n_matched} answered both; {self.n_pre_only} only before, "
            f"{self.n_post_only} only after."
        )


@dataclass(frozen=True)
class PrePost:
    by_outcome: list[Change]
    by_area: list[Change]
    asked: int
    pre_responses: int
    post_responses: int
    caveats: tuple[str, ...]

    @property
    def pre_rate_text(self) -> str:
        return analysis.percent(self.pre_responses, self.asked)

    @property
    def post_rate_text(self) -> str:
        return analysis.percent(self.post_responses, self.asked)


def pre_post_for(work_group_ids: Iterable[int]) -> PrePost:
    """The matched pre/post change of these Work Groups pooled together."""
    return pre_post_for_groups({"all": list(work_group_ids)})["all"]


def pre_post_for_groups(
    groups: Mapping[K, Collection[int]],
    *,
    outcomes: bool = True,
    scope: "QuerySet[WorkGroup] | None" = None,
) -> dict[K, PrePost]:
    """`pre_post_for` of each group of Work Group ids (groups may overlap: the hubs and
    England), from one set of queries. `outcomes` False leaves `by_outcome` empty (roll-ups
    show areas). `scope`, a queryset of at least these Work Groups, filters the queries in
    the database instead of by a long list of ids."""
    all_ids = sorted({pk for ids in groups.values() for pk in ids})
    if not all_ids:
        return {key: _empty() for key in groups}
    where: dict[str, object] = (
        {"work_group__in": scope.values("pk")}
        if scope is not None
        else {"work_group_id__in": all_ids}
    )
    responses = Response.objects.filter(wave__in=(Wave.PRE, Wave.POST), **where).order_by()

    asked = dict(
        Enrolment.objects.filter(status__in=Enrolment.MEMBERS, **where)
        .order_by()
        .values("work_group_id")
        .annotate(count=Count("pk"))
        .values_list("work_group_id", "count")
    )
    answered: dict[tuple[int, str], int] = {
        (work_group_id, wave): count
        for work_group_id, wave, count in responses.values("work_group_id", "wave")
        .annotate(count=Count("pk"))
        .values_list("work_group_id", "wave", "count")
    }

    # The items measured (for their outcomes' wording and scales), of the versions answered.
    measured = (
        Item.objects.filter(
            kind=Item.Kind.SCALE,
            asked=Item.Asked.BOTH,
            questionnaire_id__in=responses.values("questionnaire_id"),
        )
        .order_by()
        .values_list(
            "outcome_id",
            "outcome__text",
            "outcome__area",
            "outcome__position",
            "area",
            "text",
            "scale_labels",
        )
    )
    labels: dict[tuple[object, ...], _Label] = {}
    scales: dict[tuple[object, ...], set[int]] = defaultdict(set)
    area_scales: dict[str, set[int]] = defaultdict(set)
    for outcome_id, outcome_text, outcome_area, position, item_area, text, scale in measured:
        area = outcome_area or item_area
        key = _outcome_key(outcome_id, area, text)
        labels[key] = _Label(
            outcome_text or text,
            area,
            (GUSKEY_LEVEL_OF_AREA.get(area, 9), 0 if outcome_id else 1, position or 0, text),
        )
        scales[key].add(len(scale or ()))
        area_scales[area].add(len(scale or ()))

    # Per Work Group, person and outcome (or, for roll-ups, area): the sum and count of their
    # scale answers before and after, side by side (conditional aggregates), and for rows
    # without a person (erased) how many responses.
    pre, post = Q(response__wave=Wave.PRE), Q(response__wave=Wave.POST)
    keys = ["response__work_group_id", "response__respondent_id", "area_key"]
    if outcomes:
        keys += ["item__outcome_id", "orphan"]
    answers = (
        Answer.objects.filter(
            response__in=responses,
            item__kind=Item.Kind.SCALE,
            item__asked=Item.Asked.BOTH,
            number__isnull=False,
        )
        .annotate(
            area_key=Case(
                When(item__outcome__isnull=False, then=F("item__outcome__area")),
                default=F("item__area"),
                output_field=CharField(),
            ),
            orphan=Case(
                When(item__outcome__isnull=True, then=F("item__text")),
                default=Value(""),
                output_field=CharField(),
            ),
        )
        .order_by()
        .values(*keys)
        .annotate(
            pre_total=Sum("number", filter=pre),
            pre_answers=Count("pk", filter=pre),
            pre_responses=Count("response", filter=pre, distinct=True),
            post_total=Sum("number", filter=post),
            post_answers=Count("pk", filter=post),
            post_responses=Count("response", filter=post, distinct=True),
        )
        .values_list(
            *keys,
            "pre_total",
            "pre_answers",
            "pre_responses",
            "post_total",
            "post_answers",
            "post_responses",
        )
    )
    by_work_group: dict[int, list[_Row]] = defaultdict(list)
    for values in _raw_rows(answers):
        work_group_id, person, area = values[:3]
        row_outcome: int | None = values[3] if outcomes else None
        row_orphan: str = values[4] if outcomes else ""
        pre_total, pre_answers, pre_responses, post_total, post_answers, post_responses = values[
            -6:
        ]
        by_work_group[work_group_id].append(
            _Row(
                person,
                row_outcome,
                area or "",
                row_orphan or "",
                float(pre_total or 0),
                pre_answers,
                pre_responses,
                float(post_total or 0),
                post_answers,
                post_responses,
            )
        )

    return {
        key: _pre_post(
            ids,
            by_work_group,
            labels=labels,
            scales=scales,
            area_scales=area_scales,
            asked=sum(asked.get(pk, 0) for pk in ids),
            pre=sum(answered.get((pk, Wave.PRE), 0) for pk in ids),
            post=sum(answered.get((pk, Wave.POST), 0) for pk in ids),
            outcomes=outcomes,
        )
        for key, ids in groups.items()
    }


def _raw_rows(queryset: "QuerySet[Any]") -> list[tuple[Any, ...]]:
    """The rows of a values_list queryset, fetched with its own SQL but without Django's
    per-value converters (plain integers and text here), which cost more than the query on
    the tens of thousands of rows of a national roll-up."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _outcome_key(outcome_id: int | None, area: str, text: str) -> tuple[object, ...]:
    return ("outcome", outcome_id) if outcome_id else ("item", area, text)


class _Label(NamedTuple):
    label: str
    area: str
    order: tuple[int, int, int, str]


class _Row(NamedTuple):
    person: int | None
    outcome_id: int | None
    area: str
    orphan: str
    pre_total: float
    pre_answers: int
    pre_responses: int
    post_total: float
    post_answers: int
    post_responses: int


class _Tally:
    """Per pairing key (Work Group, person): the sum and count of answers in each wave; and
    the responses that cannot be paired (erased people), by wave."""

    __slots__ = ("erased_post", "erased_pre", "people")

    def __init__(self) -> None:
        self.people: dict[tuple[int, int], list[float]] = defaultdict(lambda: [0.0, 0, 0.0, 0])
        self.erased_pre = 0
        self.erased_post = 0

    def add(self, work_group_id: int, row: _Row) -> None:
        if row.person is None:
            self.erased_pre += row.pre_responses
            self.erased_post += row.post_responses
            return
        tally = self.people[(work_group_id, row.person)]
        tally[0] += row.pre_total
        tally[1] += row.pre_answers
        tally[2] += row.post_total
        tally[3] += row.post_answers


def _pre_post(
    ids: Collection[int],
    by_work_group: Mapping[int, list[_Row]],
    *,
    labels: Mapping[tuple[object, ...], _Label],
    scales: Mapping[tuple[object, ...], set[int]],
    area_scales: Mapping[str, set[int]],
    asked: int,
    pre: int,
    post: int,
    outcomes: bool,
) -> PrePost:
    per_outcome: dict[tuple[object, ...], _Tally] = defaultdict(_Tally)
    per_area: dict[str, _Tally] = defaultdict(_Tally)
    for work_group_id in ids:
        for row in by_work_group.get(work_group_id, ()):
            if outcomes:
                per_outcome[_outcome_key(row.outcome_id, row.area, row.orphan)].add(
                    work_group_id, row
                )
            if row.area:
                per_area[row.area].add(work_group_id, row)

    by_outcome = []
    unknown = _Label("", "", (9, 9, 0, ""))
    for key in sorted(per_outcome, key=lambda key: labels.get(key, unknown).order):
        label, area, _order = labels.get(key, unknown)
        by_outcome.append(
            _change(
                per_outcome[key],
                label=label,
                area=area,
                what=f"Agreement with “{label}”",
                scale_points=_one(scales.get(key, set())),
            )
        )
    by_area = []
    for area in AREA_ORDER:
        if area not in per_area:
            continue
        area_label = str(Area(area).label)
        by_area.append(
            _change(
                per_area[area],
                label=area_label,
                area=area,
                what=f"Agreement with the statements on {area_label[:1].lower()}{area_label[1:]}",
                scale_points=_one(area_scales.get(area, set())),
            )
        )
    return PrePost(
        by_outcome=by_outcome,
        by_area=by_area,
        asked=asked,
        pre_responses=pre,
        post_responses=post,
        caveats=caveats(asked=asked, pre=pre, post=post),
    )


def _one(points: set[int]) -> int | None:
    """The scale's number of points when every item shares one scale, else None."""
    return next(iter(points)) if len(points) == 1 and 0 not in points else None


def _change(tally: _Tally, *, label: str, area: str, what: str, scale_points: int | None) -> Change:
    before: list[float] = []
    after: list[float] = []
    pre_only = tally.erased_pre
    post_only = tally.erased_post
    for pre_sum, pre_count, post_sum, post_count in tally.people.values():
        if pre_count and post_count:
            before.append(pre_sum / pre_count)
            after.append(post_sum / post_count)
        elif pre_count:
            pre_only += 1
        elif post_count:
            post_only += 1
    matched = len(before)
    shown = matched >= analysis.MIN_MATCHED_PAIRS
    stats = analysis.paired_stats(before, after) if shown else None
    return Change(
        label=label,
        area=area,
        area_label=str(Area(area).label) if area in Area.values else "",
        guskey_level=GUSKEY_LEVEL_OF_AREA.get(area),
        scale_points=scale_points,
        n_matched=matched,
        n_pre_only=pre_only,
        n_post_only=post_only,
        shown=shown,
        reason="" if shown else TOO_FEW_REASON,
        stats=stats,
        sentence=analysis.change_sentence(what=what, scale_points=scale_points, paired=stats)
        if stats
        else "",
    )


def caveats(*, asked: int, pre: int, post: int) -> tuple[str, ...]:
    """The standing caveats, and how many answered: those who did not may see it otherwise."""
    if asked:
        answered = (
            f"Of {asked} participants with a place, {pre} answered before and {post} after; "
            "those who did not answer may see things differently."
        )
    else:
        answered = "Nobody held a place, so nobody was asked."
    return (*analysis.CAVEATS, answered)


def _empty() -> PrePost:
    return PrePost(
        by_outcome=[],
        by_area=[],
        asked=0,
        pre_responses=0,
        post_responses=0,
        caveats=caveats(asked=0, pre=0, post=0),
    )
