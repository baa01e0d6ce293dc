"""The national admin's page for giving and taking away the public site's content roles."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from hubwork.accounts.permissions import require_national_admin
from hubwork.accounts.types import AuthenticatedRequest
from hubwork.content.forms.editors import ContentRoleForm
from hubwork.content.selectors.editors import content_role_holders
from hubwork.content.services.editors import content_role_set
from hubwork.core.forms import add_service_errors


@require_http_methods(["GET", "POST"])
@login_required
def content_roles(request: AuthenticatedRequest) -> HttpResponse:
    """Who edits and reviews the public site; a national admin changes it here."""
    require_national_admin(request.user)
    form = ContentRoleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        person = form.cleaned_data["email"]
        role = form.cleaned_data["role"]
        try:
            content_role_set(user=person, role=role, by=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            name = person.display_name or person.email
            if role:
                role_name = person.get_content_role_display().lower()
                messages.success(request, f"{name} is now a {role_name}.")
            else:
                messages.success(request, f"{name} no longer has a content role.")
            return redirect("content:roles")
    return render(
        request,
        "content/editors/roles.html",
        {"form": form, "holders": content_role_holders()},
    )
