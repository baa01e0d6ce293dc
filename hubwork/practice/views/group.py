"""A Work Group's group space, for its members, leads and hub staff: who is in it (emails of
those who chose to show them), shared outputs and trials, gap tasks still due, and a
discussion thread."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hubwork.accounts.types import AuthenticatedRequest
from hubwork.core.forms import add_service_errors
from hubwork.core.numbers import positive_int
from hubwork.practice.forms.group import ContactSharingForm, PostForm
from hubwork.practice.links import GROUP_SPACE
from hubwork.practice.permissions import (
    can_remove_post,
    get_post_for_user,
)
from hubwork.practice.selectors.group import discussion_page
from hubwork.practice.selectors.group import group_space as group_space_for
from hubwork.practice.services.group import contact_sharing_set, post_create
from hubwork.practice.services.group import post_remove as remove_post
from hubwork.workgroups.models import WorkGroup
from hubwork.workgroups.permissions import Access, can_lead_or_manage, get_work_group_for_user


@require_GET
@login_required
def group_space(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    work_group = get_work_group_for_user(request.user, access=Access.MEMBER, slug=slug)
    space = group_space_for(work_group, request.user)
    return render(
        request,
        "practice/group/space.html",
        {"work_group": work_group, "hub": work_group.hub, "space": space, "links": GROUP_SPACE},
    )


def _discussion_url(work_group: WorkGroup) -> str:
    return reverse("practice:group_discussion", kwargs={"slug": work_group.slug})


@require_http_methods(["GET", "POST"])
@login_required
def discussion(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    work_group = get_work_group_for_user(request.user, access=Access.MEMBER, slug=slug)
    form = PostForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            post = post_create(
                work_group=work_group, author=request.user, body=form.cleaned_data["body"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Your message is posted.")
            return redirect(f"{_discussion_url(work_group)}#post-{post.pk}")
    page = discussion_page(work_group, request.GET.get("page"))
    lead_or_staff = can_lead_or_manage(request.user, work_group)
    posts = [
        (post, can_remove_post(request.user, post, lead_or_staff=lead_or_staff))
        for post in page.object_list
    ]
    return render(
        request,
        "practice/group/discussion.html",
        {
            "work_group": work_group,
            "hub": work_group.hub,
            "page": page,
            "posts": posts,
            "form": form,
        },
    )


@require_POST
@login_required
def post_remove(request: AuthenticatedRequest, slug: str, post_pk: int) -> HttpResponse:
    post = get_post_for_user(request.user, slug=slug, pk=post_pk)
    remove_post(post=post, by=request.user)  # PermissionDenied (403) for anyone else
    messages.success(request, "The message is removed.")
    page = positive_int(request.POST.get("page", ""))
    suffix = f"?page={page}" if page else ""
    return redirect(_discussion_url(post.work_group) + suffix)


@require_POST
@login_required
def contact_sharing(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    work_group = get_work_group_for_user(request.user, access=Access.MEMBER, slug=slug)
    form = ContactSharingForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose whether to show your email address.")
    else:
        share = form.cleaned_data["share"]
        try:
            contact_sharing_set(work_group=work_group, user=request.user, share=share)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            if share:
                messages.success(
                    request, "Your email address is now shown to the members of the group."
                )
            else:
                messages.success(request, "Your email address is no longer shown to the group.")
    return redirect("practice:group_space", slug=work_group.slug)
