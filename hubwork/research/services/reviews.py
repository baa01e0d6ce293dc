"""Submitting a research project for review and the reviewers' decisions.

The path: its leads submit the write-up (writing up → submitted); the hub's staff return it
with comments (→ writing up) or pass it to the national team (→ reviewed); national admins
return it with comments (→ writing up) or publish it (→ published). Each decision is a
ProjectReview row and an audit event. The project row is locked and its status re-checked
before anything is written, so of two reviewers deciding at once the second is refused.
Emails go through the outbox once the change commits.
"""

from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from hubwork.accounts.models import HUB_STAFF_ROLES, User
from hubwork.core.audit import audit
from hubwork.core.outbox import enqueue
from hubwork.core.tasks import send_email
from hubwork.hubs.models import HubRole
from hubwork.research.models import ProjectReview, ResearchProject
from hubwork.research.selectors.writeups import project_leads

Status = ResearchProject.Status
Stage = ProjectReview.Stage
Decision = ProjectReview.Decision

# Each stage: the status a project waits in for it, and where each decision takes it.
STAGES: dict[str, tuple[str, dict[str, str]]] = {
    Stage.HUB: (
        Status.SUBMITTED,
        {Decision.RETURNED: Status.WRITING_UP, Decision.APPROVED: Status.REVIEWED},
    ),
    Stage.NATIONAL: (
        Status.REVIEWED,
        {Decision.RETURNED: Status.WRITING_UP, Decision.PUBLISHED: Status.PUBLISHED},
    ),
}
VERBS = {
    Decision.RETURNED: "research_project.returned",
    Decision.APPROVED: "research_project.passed_on",
    Decision.PUBLISHED: "research_project.published",
}
MAX_COMMENTS_LENGTH = 10_000


class ReviewRefused(ValidationError):
    """The project is not (or no longer) where this step needs it: nothing was written."""


def stage_waiting(project: ResearchProject) -> str:
    """The review stage the project waits for ("" when it waits for none)."""
    for stage, (status, _) in STAGES.items():
        if project.status == status:
            return stage
    return ""


def _lock(project: ResearchProject) -> ResearchProject:
    return ResearchProject.objects.select_for_update().select_related("hub").get(pk=project.pk)


def _url(name: str, project: ResearchProject) -> str:
    return settings.SITE_URL + reverse(name, kwargs={"pk": project.pk})


def _email(people: Iterable[User], *, subject: str, template: str, context: dict) -> int:
    """One email to each person (nobody sees who else was told), sent once the change
    commits."""
    sent = 0
    for person in people:
        if not person.is_active or not person.email:
            continue
        text_body = render_to_string(template, {**context, "person": person})
        enqueue(send_email, to=[person.email], subject=subject, text_body=text_body)
        sent += 1
    return sent


def _hub_staff(project: ResearchProject) -> list[User]:
    return list(
        User.objects.filter(
            pk__in=HubRole.objects.current()
            .filter(hub_id=project.hub_id, role__in=HUB_STAFF_ROLES)
            .values("user_id")
        ).order_by("pk")
    )


def _national_admins() -> list[User]:
    return list(User.objects.filter(is_national_admin=True, is_active=True).order_by("pk"))


def project_submit(*, project: ResearchProject, by: User) -> ResearchProject:
    """Send the write-up to the hub's staff for review (writing up → submitted). It needs a
    summary and findings."""
    with transaction.atomic():
        locked = _lock(project)
        if locked.status != Status.WRITING_UP:
            if locked.status in ResearchProject.LEAD_STATUSES:
                raise ReviewRefused(
                    "Only a project that is being written up can be submitted. Move the "
                    "project on to writing up first.",
                    code="status",
                )
            raise ReviewRefused(
                f"This project has been submitted already: it is now "
                f"“{locked.get_status_display().lower()}”.",
                code="status",
            )
        missing = {
            name: message
            for name, message in (
                ("summary", "Write a summary before you submit the project."),
                ("findings", "Write the findings before you submit the project."),
            )
            if not getattr(locked, name).strip()
        }
        if missing:
            raise ValidationError(missing)
        locked.status = Status.SUBMITTED
        locked.save(update_fields=["status", "updated_at"])
        audit(by, "research_project.submitted", locked, version=locked.writeup_version)
        _email(
            _hub_staff(locked),
            subject=f"Hubwork: research project to review: {locked.title}",
            template="research/email/submitted.txt",
            context={"project": locked, "by": by, "url": _url("research:project_review", locked)},
        )
    return locked


def _unique_slug(project: ResearchProject) -> str:
    """A slug from the title, not used by another published project."""
    base = slugify(project.title)[:90].strip("-") or "research-project"
    taken = set(
        ResearchProject.objects.filter(slug__startswith=base)
        .exclude(pk=project.pk)
        .values_list("slug", flat=True)
    )
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def review_decide(
    *, project: ResearchProject, stage: str, decision: str, comments: str, by: User
) -> ProjectReview:
    """Record a reviewer's decision at `stage` and move the project on. Comments are
    required when returning it. Refused (ReviewRefused) if the project is no longer waiting
    for this stage: someone decided first."""
    if stage not in STAGES:
        raise ValidationError({"decision": "Choose what to do with the project."})
    waiting_status, outcomes = STAGES[stage]
    if decision not in outcomes:
        raise ValidationError({"decision": "Choose what to do with the project."})
    comments = comments.replace("\r\n", "\n").strip()
    if decision == Decision.RETURNED and not comments:
        raise ValidationError(
            {"comments": "Say what the leads need to change before it can go further."}
        )
    if len(comments) > MAX_COMMENTS_LENGTH:
        raise ValidationError(
            {"comments": f"Comments must be {MAX_COMMENTS_LENGTH:,} characters or fewer."}
        )
    with transaction.atomic():
        locked = _lock(project)
        if locked.status != waiting_status:
            last = locked.reviews.select_related("reviewer").first()
            who = f" {last.reviewer.display_name} decided first:" if last and last.reviewer else ""
            raise ReviewRefused(
                f"This project is no longer waiting for the {Stage(stage).label.lower()}.{who} "
                f"it is now “{locked.get_status_display().lower()}”. Your decision was not "
                "recorded.",
                code="stale",
            )
        locked.status = outcomes[decision]
        fields = ["status", "updated_at"]
        if decision == Decision.PUBLISHED:
            locked.published_at = timezone.now()
            locked.slug = locked.slug or _unique_slug(locked)
            locked.licence = locked.licence or ResearchProject.DEFAULT_LICENCE
            fields += ["published_at", "slug", "licence"]
        locked.save(update_fields=fields)
        review = ProjectReview.objects.create(
            project=locked, stage=stage, decision=decision, comments=comments, reviewer=by
        )
        published = decision == Decision.PUBLISHED
        audit(
            by,
            VERBS[Decision(decision)],
            locked,
            stage=stage,
            review=review.pk,
            status=locked.status,
            version=locked.writeup_version,
            comments=bool(comments),
            slug=locked.slug if published else None,
            licence=locked.licence if published else None,
        )
        _notify(locked, review, by)
    return review


def _notify(project: ResearchProject, review: ProjectReview, by: User) -> None:
    context = {"project": project, "review": review, "by": by}
    if review.decision == Decision.RETURNED:
        _email(
            project_leads(project),
            subject=f"Hubwork: your research project was returned with comments: {project.title}",
            template="research/email/returned.txt",
            context={**context, "url": _url("research:writeup", project)},
        )
    elif review.decision == Decision.APPROVED:
        _email(
            _national_admins(),
            subject=f"Hubwork: research project to review and publish: {project.title}",
            template="research/email/passed_on.txt",
            context={**context, "url": _url("research:project_review", project)},
        )
    else:
        _email(
            project_leads(project),
            subject=f"Hubwork: your research project is published: {project.title}",
            template="research/email/published.txt",
            context={**context, "url": _url("research:writeup", project)},
        )
