"""Which questionnaire a form uses."""

from django.db.models import Prefetch, Q

from hubwork.evaluation.models import Item, Questionnaire
from hubwork.programmes.models import Programme


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
    return (own or found or [None])[0]
