"""National admins look after the questionnaires: each programme's and the national
default's, of each kind, with their questions and earlier versions. Every page is theirs
alone (403 for anyone else)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from hubwork.accounts.permissions import require_national_admin
from hubwork.accounts.types import AuthenticatedRequest
from hubwork.core.forms import add_service_errors
from hubwork.evaluation.defaults import INTRODUCTIONS, TITLES
from hubwork.evaluation.forms.questionnaires import (
    ItemForm,
    QuestionnaireCreateForm,
    QuestionnaireForm,
)
from hubwork.evaluation.models import Item, Questionnaire
from hubwork.evaluation.permissions import get_questionnaire_for_user
from hubwork.evaluation.selectors import questionnaires as selectors
from hubwork.evaluation.services import questionnaires as services

NEW_VERSION_NOTE = (
    "Version {version} is now current. The earlier version has responses, so it stays as it "
    "was, with the wording they answered."
)


def _changed(request: AuthenticatedRequest, before: Questionnaire, after: Questionnaire) -> None:
    """Say what happened, including when the change made a new version."""
    if after.pk != before.pk:
        messages.success(request, NEW_VERSION_NOTE.format(version=after.version))
    else:
        messages.success(request, "Your change is saved.")


def _to_detail(questionnaire: Questionnaire) -> HttpResponse:
    return redirect("evaluation:questionnaire", pk=questionnaire.pk)


def _get_item(request: AuthenticatedRequest, pk: int, item_pk: int) -> Item:
    questionnaire = get_questionnaire_for_user(request.user, pk=pk)
    item = get_object_or_404(
        Item.objects.select_related("outcome"), pk=item_pk, questionnaire=questionnaire
    )
    item.questionnaire = questionnaire
    return item


@require_GET
@login_required
def questionnaire_list(request: AuthenticatedRequest) -> HttpResponse:
    require_national_admin(request.user)
    return render(
        request,
        "evaluation/questionnaires/list.html",
        {"owners": selectors.questionnaire_overview()},
    )


@require_http_methods(["GET", "POST"])
@login_required
def questionnaire_create(request: AuthenticatedRequest) -> HttpResponse:
    require_national_admin(request.user)
    kind = request.GET.get("kind", "")
    initial = {"programme": request.GET.get("programme") or None, "kind": kind}
    if kind in TITLES:
        initial |= {"title": TITLES[kind], "introduction": INTRODUCTIONS[kind]}
    form = QuestionnaireCreateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            questionnaire = services.questionnaire_create(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, "The questionnaire is ready, with the default questions to start from."
            )
            return _to_detail(questionnaire)
    return render(request, "evaluation/questionnaires/create.html", {"form": form})


@require_GET
@login_required
def questionnaire_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    questionnaire = get_questionnaire_for_user(request.user, pk=pk)
    versions = selectors.questionnaire_versions(questionnaire)
    responses = next(
        (row.responses for row in versions if row.questionnaire.pk == questionnaire.pk), 0
    )
    return render(
        request,
        "evaluation/questionnaires/detail.html",
        {
            "questionnaire": questionnaire,
            "items": selectors.questionnaire_items(questionnaire),
            "versions": versions,
            "responses": responses,
            "is_pre_post": questionnaire.kind == Questionnaire.Kind.PRE_POST,
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def questionnaire_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    questionnaire = get_questionnaire_for_user(request.user, pk=pk)
    form = QuestionnaireForm(
        request.POST or None,
        initial={"title": questionnaire.title, "introduction": questionnaire.introduction},
    )
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.questionnaire_update(
                questionnaire=questionnaire, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            _changed(request, questionnaire, changed)
            return _to_detail(changed)
    return render(
        request,
        "evaluation/questionnaires/edit.html",
        {"questionnaire": questionnaire, "form": form},
    )


@require_http_methods(["GET", "POST"])
@login_required
def item_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    questionnaire = get_questionnaire_for_user(request.user, pk=pk)
    form = ItemForm(request.POST or None, questionnaire=questionnaire)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.item_create(
                questionnaire=questionnaire, data=form.item_data(), by=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            _changed(request, questionnaire, item.questionnaire)
            return _to_detail(item.questionnaire)
    return render(
        request,
        "evaluation/questionnaires/item_form.html",
        {"questionnaire": questionnaire, "form": form, "item": None},
    )


@require_http_methods(["GET", "POST"])
@login_required
def item_edit(request: AuthenticatedRequest, pk: int, item_pk: int) -> HttpResponse:
    """Change a question; a POST with `move` ("up" or "down"), from the questionnaire's page,
    moves it instead."""
    item = _get_item(request, pk, item_pk)
    questionnaire = item.questionnaire
    if request.method == "POST" and request.POST.get("move") in ("up", "down"):
        try:
            moved = services.item_move(
                item=item, offset=-1 if request.POST["move"] == "up" else 1, by=request.user
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return _to_detail(questionnaire)
        _changed(request, questionnaire, moved.questionnaire)
        return _to_detail(moved.questionnaire)
    form = ItemForm(
        request.POST or None, questionnaire=questionnaire, initial=ItemForm.initial_for(item)
    )
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.item_update(item=item, data=form.item_data(), by=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            _changed(request, questionnaire, changed.questionnaire)
            return _to_detail(changed.questionnaire)
    return render(
        request,
        "evaluation/questionnaires/item_form.html",
        {"questionnaire": questionnaire, "form": form, "item": item},
    )


@require_http_methods(["GET", "POST"])
@login_required
def item_delete(request: AuthenticatedRequest, pk: int, item_pk: int) -> HttpResponse:
    item = _get_item(request, pk, item_pk)
    questionnaire = item.questionnaire
    if request.method == "POST":
        try:
            changed = services.item_delete(item=item, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return _to_detail(questionnaire)
        if changed.pk != questionnaire.pk:
            messages.success(request, NEW_VERSION_NOTE.format(version=changed.version))
        else:
            messages.success(request, f"The question “{item.text}” is removed.")
        return _to_detail(changed)
    return render(
        request,
        "evaluation/questionnaires/item_delete.html",
        {
            "questionnaire": questionnaire,
            "item": item,
            "has_responses": questionnaire.responses.exists(),
        },
    )
