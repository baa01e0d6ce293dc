"""`{% load llme_applications %}`: how an LLME application's stored choices read."""

from django import template

from hubwork.core.choices import Phase
from hubwork.hubs.models import Accreditation
from hubwork.leaders.models import HubApplication
from hubwork.leaders.selectors.applications import FOR_THE_APPLICANT

register = template.Library()


@register.filter
def phase_labels(values: list[str]) -> list[str]:
    """Phase values as their labels, in the order of the phases ("Primary", "Secondary")."""
    labels = dict(Phase.choices)
    return [str(labels[value]) for value in Phase.values if value in (values or [])]


@register.filter
def accreditation_labels(values: list[str]) -> list[str]:
    """Accreditation kinds as their labels, in the order of the list."""
    labels = dict(Accreditation.Kind.choices)
    return [str(labels[value]) for value in Accreditation.Kind.values if value in (values or [])]


@register.filter
def status_for_the_applicant(status: str) -> str:
    """What a hub's status means, as the applicant reads it on their page."""
    return FOR_THE_APPLICANT.get(status, "")


@register.filter
def hub_status_label(status: str) -> str:
    """A hub's status by its label ("Interview arranged")."""
    return str(dict(HubApplication.Status.choices).get(status, status))
