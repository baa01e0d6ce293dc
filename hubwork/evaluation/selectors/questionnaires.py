"""Which questionnaire a form uses; the questionnaires national admins look after."""

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q

from hubwork.evaluation.models import Item, Questionnaire, Response
from hubwork.programmes.models import IntendedOutcome, Programme


def current_questionnaire(programme: Programme | None, kind: str) -> Questionnaire | None:
    """The current version of the programme's own questionnaire of `kind`, or else of the
    national default, with its items (in order) and their outcomes; None if neither exists."""
    candidates = (
        Questionnaire.objects.current()
        .filter(kind=kind)
        .filter(
            Q(programme=programme) | Q(programme__isnull=True)
            if programme
            else Q(programme__isnull=True)
        )
        .prefetch_related(
            Prefetch(
                "items", queryset=Item.objects.select_related("outcome").order_by("position", "pk")
            )
        )
        .order_by("programme_id")
    )
    found = list(candidates)
    own = [questionnaire for questionnaire in found if questionnaire.programme_id is not None]
    if own:
        return own[0]
    return found[0] if found else None


@dataclass(frozen=True)
class QuestionnaireRow:
    """One programme's (or the national default's) questionnaire of one kind, for the list."""

    kind: str
    kind_label: str
    current: Questionnaire | None
    versions: int
    responses: int  # to the current version
    all_responses: int  # to every version


@dataclass(frozen=True)
class OwnerRow:
    programme: Programme | None
    rows: list[QuestionnaireRow]

    @property
    def name(self) -> str:
        return self.programme.name if self.programme else "National default"


def questionnaire_overview() -> list[OwnerRow]:
    """The national default, then every programme by name, each with its questionnaire of
    each kind: the current version, how many versions and responses. Four queries however
    many programmes and questionnaires there are."""
    programmes = list(Programme.objects.order_by("name"))
    current = {
        (questionnaire.programme_id, questionnaire.kind): questionnaire
        for questionnaire in Questionnaire.objects.current().annotate(
            response_count=Count("responses")
        )
    }
    versions: dict[tuple[int | None, str], int] = {}
    for row in (
        Questionnaire.objects.order_by().values("programme_id", "kind").annotate(n=Count("pk"))
    ):
        versions[(row["programme_id"], row["kind"])] = row["n"]
    responses: dict[tuple[int | None, str], int] = {}
    for row in (
        Response.objects.order_by()
        .values("questionnaire__programme_id", "questionnaire__kind")
        .annotate(n=Count("pk"))
    ):
        responses[(row["questionnaire__programme_id"], row["questionnaire__kind"])] = row["n"]

    def rows(programme_id: int | None) -> list[QuestionnaireRow]:
        found = []
        for kind, label in Questionnaire.Kind.choices:
            questionnaire = current.get((programme_id, kind))
            found.append(
                QuestionnaireRow(
                    kind=kind,
                    kind_label=label,
                    current=questionnaire,
                    versions=versions.get((programme_id, kind), 0),
                    responses=getattr(questionnaire, "response_count", 0),
                    all_responses=responses.get((programme_id, kind), 0),
                )
            )
        return found

    return [OwnerRow(programme=None, rows=rows(None))] + [
        OwnerRow(programme=programme, rows=rows(programme.pk)) for programme in programmes
    ]


@dataclass(frozen=True)
class VersionRow:
    questionnaire: Questionnaire
    responses: int


def questionnaire_items(questionnaire: Questionnaire) -> list[Item]:
    """A version's questions in order, with their intended outcomes."""
    return list(questionnaire.items.select_related("outcome").order_by("position", "pk"))


def questionnaire_versions(questionnaire: Questionnaire) -> list[VersionRow]:
    """Every version of this questionnaire's programme and kind, newest first, each with its
    number of responses."""
    return [
        VersionRow(questionnaire=version, responses=getattr(version, "response_count", 0))
        for version in Questionnaire.objects.filter(
            programme=questionnaire.programme, kind=questionnaire.kind
        )
        .annotate(response_count=Count("responses"))
        .order_by("-version")
    ]


def programme_outcomes(programme: Programme | None) -> list[IntendedOutcome]:
    """The intended outcomes a programme's questions can measure, by area (none for the
    national default)."""
    if programme is None:
        return []
    return list(programme.outcomes.order_by("area", "position", "pk"))
