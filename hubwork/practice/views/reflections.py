"""A participant's reflections: a private journal, seen by its author alone."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from hubwork.accounts.types import AuthenticatedRequest
from hubwork.core.forms import add_service_errors
from hubwork.practice.forms.reflections import ReflectionForm
from hubwork.practice.permissions import get_reflection_for_user
from hubwork.practice.selectors.my_practice import member_work_groups
from hubwork.practice.selectors.reflections import reflections_of
from hubwork.practice.services import reflections as reflections_services


@require_http_methods(["GET", "POST"])
@login_required
def reflection_list(request: AuthenticatedRequest) -> HttpResponse:
    form = ReflectionForm(request.POST or None, work_groups=member_work_groups(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            reflections_services.reflection_create(author=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Your reflection is saved. Only you can see it.")
            return redirect("practice:reflection_list")
    reflections = reflections_of(request.user)
    return render(
        request,
        "practice/reflections/list.html",
        {"form": form, "reflections": list(reflections)},
    )


@require_http_methods(["GET", "POST"])
@login_required
def reflection_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    reflection = get_reflection_for_user(request.user, pk=pk)
    work_groups = member_work_groups(request.user)
    form = ReflectionForm(
        request.POST or None,
        work_groups=work_groups,
        initial=ReflectionForm.initial_for(reflection),
    )
    if request.method == "POST" and form.is_valid():
        try:
            reflections_services.reflection_update(
                reflection=reflection, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Your reflection is saved.")
            return redirect("practice:reflection_list")
    return render(
        request, "practice/reflections/edit.html", {"form": form, "reflection": reflection}
    )


@require_http_methods(["GET", "POST"])
@login_required
def reflection_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    reflection = get_reflection_for_user(request.user, pk=pk)
    if request.method == "POST":
        reflections_services.reflection_delete(reflection=reflection, by=request.user)
        messages.success(request, f"Your reflection “{reflection.idea}” is deleted.")
        return redirect("practice:reflection_list")
    return render(request, "practice/reflections/delete.html", {"reflection": reflection})
