"""An LLME's own profile, and the national directory of LLMEs who agreed to be listed, for
hub staff of any hub and national admins."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from hubwork.accounts.types import AuthenticatedRequest
from hubwork.core.forms import add_service_errors
from hubwork.leaders.forms.directory import DirectoryFilterForm, ProfileForm
from hubwork.leaders.permissions import require_directory_reader, require_llme
from hubwork.leaders.selectors.directory import directory as directory_profiles
from hubwork.leaders.selectors.directory import directory_rows, own_profile
from hubwork.leaders.services.directory import llme_profile_save

PEOPLE_PER_PAGE = 20


@require_http_methods(["GET", "POST"])
@login_required
def profile(request: AuthenticatedRequest) -> HttpResponse:
    require_llme(request.user)
    current = own_profile(request.user)
    form = ProfileForm(
        request.POST if request.method == "POST" else None,
        initial=ProfileForm.initial_for(current),
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = llme_profile_save(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                "Your profile is saved. "
                + (
                    "You are listed in the national directory."
                    if saved.listed_in_directory
                    else "You are not listed in the national directory."
                ),
            )
            return redirect("leaders:profile")
    return render(request, "leaders/directory/profile.html", {"form": form, "profile": current})


@require_GET
@login_required
def directory(request: AuthenticatedRequest) -> HttpResponse:
    require_directory_reader(request.user)
    form = DirectoryFilterForm(request.GET or None)
    page = Paginator(directory_profiles(form.filters()), PEOPLE_PER_PAGE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "leaders/directory/directory.html",
        {
            "form": form,
            "page": page,
            "rows": directory_rows(page.object_list),
            "filter_query": query.urlencode(),
            "filtered": any(request.GET.get(name) for name in form.fields),
        },
    )
