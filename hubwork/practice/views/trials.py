"""Participants between sessions: what is due, the classroom trials they log, and the
evidence they add to them."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hubwork.accounts.types import AuthenticatedRequest
from hubwork.core.forms import add_service_errors
from hubwork.core.numbers import positive_int
from hubwork.practice.forms.trials import OWN_IDEA, EvidenceForm, TrialForm
from hubwork.practice.models import ClassroomTrial, GapTask
from hubwork.practice.permissions import (
    get_evidence_for_user,
    get_trial_for_user,
)
from hubwork.practice.selectors.my_practice import (
    gap_tasks_for,
    member_work_groups,
    practice_by_work_group,
)
from hubwork.practice.selectors.reflections import reflection_count
from hubwork.practice.selectors.trials import evidence_count, evidence_of
from hubwork.practice.services import evidence as evidence_services
from hubwork.practice.services import trials as trials_services
from hubwork.workgroups.models import WorkGroup


@require_GET
@login_required
def my_practice(request: AuthenticatedRequest) -> HttpResponse:
    groups = practice_by_work_group(request.user)
    return render(
        request,
        "practice/trials/my_practice.html",
        {
            "groups": groups,
            "reflection_count": reflection_count(request.user),
            "today": timezone.localdate(),
        },
    )


def _prefill(
    request: AuthenticatedRequest, work_groups: list[WorkGroup], tasks: list[GapTask]
) -> dict[str, Any]:
    """Initial values from ?work_group=<slug>&gap_task=<id>, when they are the user's own."""
    initial: dict[str, Any] = {"tried_on": timezone.localdate()}
    slug = request.GET.get("work_group", "")
    for work_group in work_groups:
        if work_group.slug == slug:
            initial["work_group"] = work_group.pk
            initial["gap_task"] = OWN_IDEA
    task_id = positive_int(request.GET.get("gap_task", ""))
    for task in tasks:
        if task_id is not None and task.pk == task_id:
            initial["work_group"] = task.session.work_group_id
            initial["gap_task"] = str(task.pk)
    if len(work_groups) == 1:
        initial.setdefault("work_group", work_groups[0].pk)
    return initial


@require_http_methods(["GET", "POST"])
@login_required
def trial_create(request: AuthenticatedRequest) -> HttpResponse:
    work_groups = member_work_groups(request.user)
    tasks = gap_tasks_for(work_groups)
    form = TrialForm(
        request.POST or None,
        request.FILES or None,
        work_groups=work_groups,
        gap_tasks=tasks,
        initial=_prefill(request, work_groups, tasks),
    )
    if request.method == "POST" and form.is_valid():
        share = request.POST.get("action") == "share"
        try:
            trial = trials_services.trial_create(
                author=request.user,
                share=share,
                evidence=form.cleaned_data["evidence"],
                **form.service_fields(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if share:
                messages.success(
                    request, f"Your trial is saved and shared with {trial.work_group.title}."
                )
            else:
                messages.success(
                    request, "Your trial is saved as a private draft. Only you can see it."
                )
            return redirect("practice:trial_detail", pk=trial.pk)
    return render(
        request,
        "practice/trials/form.html",
        {"form": form, "work_groups": work_groups, "trial": None},
    )


def _trial_edit_form(
    request: AuthenticatedRequest, trial: ClassroomTrial, data: QueryDict | None = None
) -> TrialForm:
    work_groups = member_work_groups(request.user, keeping=trial.work_group)
    return TrialForm(
        data,
        initial=TrialForm.initial_for(trial),
        work_groups=work_groups,
        gap_tasks=gap_tasks_for(work_groups),
        with_evidence=False,
    )


def _edit_page(
    request: AuthenticatedRequest,
    trial: ClassroomTrial,
    *,
    form: TrialForm | None = None,
    evidence_form: EvidenceForm | None = None,
) -> HttpResponse:
    return render(
        request,
        "practice/trials/edit.html",
        {
            "trial": trial,
            "form": form or _trial_edit_form(request, trial),
            "evidence_form": evidence_form or EvidenceForm(),
            "evidence": evidence_of(trial),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def trial_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    trial = get_trial_for_user(request.user, pk=pk, write=True)
    if request.method == "GET":
        return _edit_page(request, trial)
    form = _trial_edit_form(request, trial, request.POST)
    if form.is_valid():
        try:
            trials_services.trial_update(trial=trial, by=request.user, **form.service_fields())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Your changes to the trial are saved.")
            return redirect("practice:trial_detail", pk=trial.pk)
    return _edit_page(request, trial, form=form)


@require_POST
@login_required
def trial_share(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    trial = get_trial_for_user(request.user, pk=pk, write=True)
    try:
        if request.POST.get("share") == "no":
            trials_services.trial_unshare(trial=trial, by=request.user)
            messages.success(request, "Your trial is a private draft again. Only you can see it.")
        else:
            trials_services.trial_share(trial=trial, by=request.user)
            messages.success(request, f"Your trial is shared with {trial.work_group.title}.")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("practice:trial_detail", pk=trial.pk)


@require_http_methods(["GET", "POST"])
@login_required
def trial_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    trial = get_trial_for_user(request.user, pk=pk, write=True)
    if request.method == "POST":
        topic = trial.topic
        trials_services.trial_delete(trial=trial, by=request.user)
        messages.success(request, f"Your trial “{topic}” is deleted, with its evidence.")
        return redirect("practice:mine")
    return render(
        request,
        "practice/trials/delete.html",
        {"trial": trial, "evidence_count": evidence_count(trial)},
    )


@require_POST
@login_required
def evidence_upload(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    trial = get_trial_for_user(request.user, pk=pk, write=True)
    evidence_form = EvidenceForm(request.POST, request.FILES)
    if evidence_form.is_valid():
        uploads = evidence_form.cleaned_data["evidence"]
        try:
            for upload in uploads:
                evidence_services.evidence_add(trial=trial, upload=upload, by=request.user)
        except ValidationError as error:
            add_service_errors(evidence_form, error, rename={"file": "evidence"})
        else:
            messages.success(
                request,
                "The file is added." if len(uploads) == 1 else f"{len(uploads)} files are added.",
            )
            return redirect("practice:trial_edit", pk=trial.pk)
    return _edit_page(request, trial, evidence_form=evidence_form)


@require_POST
@login_required
def evidence_delete(request: AuthenticatedRequest, pk: int, evidence_pk: int) -> HttpResponse:
    trial = get_trial_for_user(request.user, pk=pk, write=True)
    evidence = get_evidence_for_user(request.user, pk=evidence_pk, write=True, trial=trial)
    evidence.trial = trial
    name = evidence.original_name
    evidence_services.evidence_remove(evidence=evidence, by=request.user)
    messages.success(request, f"“{name}” is removed.")
    return redirect("practice:trial_edit", pk=trial.pk)


@require_GET
@login_required
def trial_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    trial = get_trial_for_user(request.user, pk=pk)
    is_author = trial.author_id == request.user.pk
    return render(
        request,
        "practice/trials/detail.html",
        {
            "trial": trial,
            "is_author": is_author,
            "evidence": evidence_of(trial),
        },
    )
