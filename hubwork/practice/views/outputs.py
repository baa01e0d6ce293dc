"""Outputs: what participants take back to school, and the library of those shared with
the signed-in person (their Work Group's, their hub's, and everyone's)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from hubwork.accounts.types import AuthenticatedRequest
from hubwork.core.forms import add_service_errors
from hubwork.practice.forms.outputs import OutputFilterForm, OutputForm
from hubwork.practice.permissions import (
    get_output_for_user,
)
from hubwork.practice.selectors.my_practice import member_work_groups
from hubwork.practice.selectors.outputs import output_library as output_library_for
from hubwork.practice.selectors.outputs import outputs_of
from hubwork.practice.services import outputs as outputs_services

OUTPUTS_PER_PAGE = 20


@require_GET
@login_required
def my_outputs(request: AuthenticatedRequest) -> HttpResponse:
    outputs = outputs_of(request.user)
    return render(request, "practice/outputs/mine.html", {"outputs": list(outputs)})


@require_http_methods(["GET", "POST"])
@login_required
def output_create(request: AuthenticatedRequest) -> HttpResponse:
    work_groups = member_work_groups(request.user)
    initial = {"work_group": work_groups[0].pk} if len(work_groups) == 1 else {}
    form = OutputForm(
        request.POST or None, request.FILES or None, work_groups=work_groups, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        fields = form.service_fields()
        try:
            output = outputs_services.output_create(author=request.user, **fields)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"“{output.title}” is saved.")
            return redirect("practice:output_detail", pk=output.pk)
    return render(
        request,
        "practice/outputs/form.html",
        {"form": form, "work_groups": work_groups, "output": None},
    )


@require_http_methods(["GET", "POST"])
@login_required
def output_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    output = get_output_for_user(request.user, pk=pk, write=True)
    work_groups = member_work_groups(request.user, keeping=output.work_group)
    form = OutputForm(
        request.POST or None,
        request.FILES or None,
        work_groups=work_groups,
        current_file=output.original_name if output.file else "",
        initial=OutputForm.initial_for(output),
    )
    if request.method == "POST" and form.is_valid():
        fields = form.service_fields()
        try:
            outputs_services.output_update(output=output, by=request.user, **fields)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Your changes to “{output.title}” are saved.")
            return redirect("practice:output_detail", pk=output.pk)
    return render(
        request,
        "practice/outputs/form.html",
        {"form": form, "work_groups": work_groups, "output": output},
    )


@require_http_methods(["GET", "POST"])
@login_required
def output_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    output = get_output_for_user(request.user, pk=pk, write=True)
    if request.method == "POST":
        outputs_services.output_delete(output=output, by=request.user)
        messages.success(request, f"“{output.title}” is deleted.")
        return redirect("practice:my_outputs")
    return render(request, "practice/outputs/delete.html", {"output": output})


@require_GET
@login_required
def output_library(request: AuthenticatedRequest) -> HttpResponse:
    form = OutputFilterForm(request.GET)
    kind = (form.cleaned_data.get("kind") or "") if form.is_valid() else ""
    outputs = output_library_for(request.user, kind=kind)
    page = Paginator(outputs, OUTPUTS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "practice/outputs/library.html",
        {"form": form, "page": page, "filter_query": query.urlencode()},
    )


@require_GET
@login_required
def output_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    output = get_output_for_user(request.user, pk=pk)
    return render(
        request,
        "practice/outputs/detail.html",
        {"output": output, "is_author": output.author_id == request.user.pk},
    )
