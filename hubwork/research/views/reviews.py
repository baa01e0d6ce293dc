"""Reviewing research projects: the hub's staff and then the national team decide on a
submitted write-up (one page, showing the write-up and the form for whichever stage this
person may decide), and each has a queue of projects waiting for them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from hubwork.accounts.permissions import require_national_admin
from hubwork.accounts.types import AuthenticatedRequest
from hubwork.core.forms import add_service_errors
from hubwork.hubs.permissions import get_hub_for_user
from hubwork.research.forms.reviews import ReviewForm
from hubwork.research.models import ProjectReview, ResearchProject
from hubwork.research.permissions import ProjectAccess, get_project_for_user, project_access
from hubwork.research.selectors import reviews as selectors
from hubwork.research.selectors.writeups import FIELD_LABELS, writeup_participants
from hubwork.research.services.reviews import ReviewRefused, review_decide, stage_waiting
from hubwork.research.views.writeups import project_page_url

Stage = ProjectReview.Stage
REVIEWERS = {Stage.HUB: ProjectAccess.HUB_REVIEW, Stage.NATIONAL: ProjectAccess.NATIONAL_REVIEW}


def _stage_for(access: set[ProjectAccess], project: ResearchProject) -> str:
    """The stage this person may decide now ("" for none)."""
    stage = stage_waiting(project)
    return stage if stage and REVIEWERS[Stage(stage)] in access else ""


def _not_waiting_reason(project: ResearchProject) -> str:
    stage = stage_waiting(project)
    if stage == Stage.HUB:
        return "This project is waiting for the hub's review, by the hub's staff."
    if stage == Stage.NATIONAL:
        return "The hub has passed this project on: it is waiting for the national team."
    if project.is_published:
        return "This project is published: there is nothing left to decide."
    return (
        "This project is with its leads, so there is nothing to decide. It comes back here "
        "when they submit it."
    )


def _render_review(
    request: AuthenticatedRequest,
    project: ResearchProject,
    *,
    form: ReviewForm | None = None,
    refused: str = "",
    status: int = 200,
) -> HttpResponse:
    access = project_access(request.user, project)
    stage = _stage_for(access, project)
    if form is None and stage:
        form = ReviewForm(stage=stage)
    return render(
        request,
        "research/reviews/review.html",
        {
            "project": project,
            "project_url": project_page_url(project),
            "participants": writeup_participants(project),
            "parts": [(label, getattr(project, name)) for name, label in FIELD_LABELS.items()],
            "stage": stage,
            "stage_label": Stage(stage).label if stage else "",
            "form": form if stage else None,
            "not_waiting": "" if stage else _not_waiting_reason(project),
            "refused": refused,
            "reviews": selectors.review_history(project),
            "is_hub_stage": stage == Stage.HUB,
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
@login_required
def project_review(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """For the hub's staff and national admins: 404 for those who may not see the project,
    403 for those who may see it but review nothing (its leads and members)."""
    project = get_project_for_user(request.user, pk=pk)
    access = project_access(request.user, project)
    if not access & set(REVIEWERS.values()):
        raise PermissionDenied
    if request.method != "POST":
        return _render_review(request, project)
    stage = _stage_for(access, project)
    if not stage:
        return _render_review(
            request,
            project,
            refused=f"{_not_waiting_reason(project)} Your decision was not recorded.",
            status=409,
        )
    form = ReviewForm(request.POST, stage=stage)
    if not form.is_valid():
        return _render_review(request, project, form=form)
    try:
        review = review_decide(
            project=project,
            stage=stage,
            decision=form.cleaned_data["decision"],
            comments=form.cleaned_data["comments"],
            by=request.user,
        )
    except ReviewRefused as error:
        project.refresh_from_db()
        return _render_review(request, project, refused=error.messages[0], status=409)
    except ValidationError as error:
        add_service_errors(form, error)
        return _render_review(request, project, form=form)
    Decision = ProjectReview.Decision
    done = {
        Decision.RETURNED: "The project is returned to its leads with your comments.",
        Decision.APPROVED: "The project is passed to the national team for review.",
        Decision.PUBLISHED: "The project is published.",
    }[Decision(review.decision)]
    messages.success(request, f"{done} We have emailed the people who need to know.")
    if review.stage == Stage.HUB:
        return redirect("research:hub_reviews", hub_slug=project.hub.slug)
    return redirect("research:national_reviews")


@require_GET
@login_required
def hub_reviews(request: AuthenticatedRequest, hub_slug: str) -> HttpResponse:
    """The hub's projects waiting for its staff's review."""
    hub = get_hub_for_user(request.user, slug=hub_slug)
    return render(
        request,
        "research/reviews/hub_queue.html",
        {"hub": hub, "projects": selectors.hub_review_queue(hub)},
    )


@require_GET
@login_required
def national_reviews(request: AuthenticatedRequest) -> HttpResponse:
    """Projects the hubs have passed on, waiting for the national team."""
    require_national_admin(request.user)
    return render(
        request,
        "research/reviews/national_queue.html",
        {"projects": selectors.national_review_queue()},
    )
