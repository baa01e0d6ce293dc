"""Reads of LLME applications that feed pages: an applicant's own, a hub's pipeline (only
that hub's part of each application, never another hub's), and what the next step of the
pathway (a PD Lead cohort) starts from: `accepted_applications_for_hub`."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.db.models import Case, Count, IntegerField, Prefetch, QuerySet, Value, When

from hubwork.accounts.models import User
from hubwork.hubs.models import Hub
from hubwork.leaders.models import (
    Application,
    HubApplication,
    HubApplicationEvent,
    HubApplicationNote,
)
from hubwork.programmes.models import Programme
from hubwork.schools.models import School
from hubwork.workgroups.models import Enrolment

Status = HubApplication.Status

# The pipeline's order, for the filter and the counts.
PIPELINE_ORDER = list(Status.values)
# How each status reads to the applicant, in plain English.
FOR_THE_APPLICANT: dict[str, str] = {
    Status.RECEIVED: "The hub has your application and will be in touch.",
    Status.SHORTLISTED: "You are shortlisted. The hub will arrange an interview with you.",
    Status.INTERVIEW_ARRANGED: "Your interview is arranged.",
    Status.OFFERED: "The hub offers you a place as an LLME. Accept it below when you are ready.",
    Status.ACCEPTED: "You accepted the hub's offer. The hub will tell you about the PD Lead "
    "programme.",
    Status.NOT_PROGRESSED: "The hub is not taking your application further.",
    Status.WITHDRAWN: "You are no longer applying to this hub.",
}


def applications_for_applicant(user: User) -> list[Application]:
    """The person's own applications, newest first, each with every hub's part of it (they
    applied to all of them), in a fixed number of queries."""
    return list(
        Application.objects.filter(applicant=user)
        .select_related("school")
        .prefetch_related(
            "programmes",
            Prefetch(
                "hub_applications",
                queryset=HubApplication.objects.select_related("hub").order_by("hub__name"),
            ),
        )
    )


def has_llme_applications(user: User) -> bool:
    """Whether the person has applied to become an LLME (one query)."""
    return Application.objects.filter(applicant=user).exists()


def hub_pipeline(hub: Hub, *, status: str = "") -> QuerySet[HubApplication]:
    """The hub's part of each application to it (optionally in one status), newest step
    first, with the applicant and their school: one query however many there are."""
    applications = HubApplication.objects.filter(hub=hub).select_related(
        "application__applicant", "application__school"
    )
    if status:
        applications = applications.filter(status=status)
    return applications.order_by("-status_changed_at", "-pk")


@dataclass(frozen=True)
class StatusCount:
    status: str
    label: str
    count: int


def pipeline_counts(hub: Hub) -> list[StatusCount]:
    """How many of the hub's applications are at each step, in the pipeline's order (zero
    included): one query."""
    counts = dict(
        HubApplication.objects.filter(hub=hub)
        .values_list("status")
        .annotate(count=Count("pk"))
        .values_list("status", "count")
    )
    return [
        StatusCount(status=status, label=Status(status).label, count=counts.get(status, 0))
        for status in PIPELINE_ORDER
    ]


def hub_application_events(hub_application: HubApplication) -> QuerySet[HubApplicationEvent]:
    """This hub's history of the application, oldest first, with who took each step."""
    return hub_application.events.select_related("by").order_by("at", "pk")


def hub_application_notes(hub_application: HubApplication) -> QuerySet[HubApplicationNote]:
    """This hub's notes on the application, oldest first, with their authors."""
    return hub_application.notes.select_related("author").order_by("created_at", "pk")


def accepted_applications_for_hub(hub: Hub) -> QuerySet[HubApplication]:
    """Applicants who accepted the hub's offer to become an LLME: where the PD Lead
    programme's cohort is filled from. Oldest acceptance first, with the applicant."""
    return (
        HubApplication.objects.filter(hub=hub, status=Status.ACCEPTED)
        .select_related("application__applicant", "application__school")
        .order_by("status_changed_at", "pk")
    )


def llme_applications_waiting(hubs: Sequence[Hub]) -> Mapping[int, int]:
    """{hub pk: how many applications wait for its staff's first look (received)}, in one
    query for every hub."""
    rows = (
        HubApplication.objects.filter(hub__in=hubs, status=Status.RECEIVED)
        .values("hub_id")
        .annotate(count=Count("pk"))
    )
    return {row["hub_id"]: row["count"] for row in rows}


def latest_school_of(user: User) -> School | None:
    """The school the person most recently took part in a Work Group with, to start their
    application from (they can change it)."""
    enrolment = (
        Enrolment.objects.filter(user=user)
        .select_related("school__local_authority__hub_area__hub")
        .order_by("-created_at", "-pk")
        .first()
    )
    return enrolment.school if enrolment else None


def local_hub_of(school: School | None) -> Hub | None:
    """The school's local hub (the hub whose area covers its local authority), if any.
    Needs the school loaded with `local_authority__hub_area__hub`, as the school search
    loads it."""
    if school is None or school.local_authority is None:
        return None
    hub_area = getattr(school.local_authority, "hub_area", None)
    return hub_area.hub if hub_area is not None else None


def hubs_to_apply_to(*, local_hub: Hub | None) -> QuerySet[Hub]:
    """Every hub, the school's local hub first, then by name."""
    hubs = Hub.objects.all()
    if local_hub is None:
        return hubs.order_by("name")
    return hubs.annotate(
        local_first=Case(
            When(pk=local_hub.pk, then=Value(0)), default=Value(1), output_field=IntegerField()
        )
    ).order_by("local_first", "name")


def programmes_to_lead() -> QuerySet[Programme]:
    """The programmes an LLME may lead: every programme but the training ones (those that
    accredit their participants, such as the PD Lead programme)."""
    return Programme.objects.filter(accreditation="").order_by("name")
