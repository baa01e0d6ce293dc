"""Who edits the public site: content roles, the Django groups Wagtail reads, and the review
workflow (an editor submits, a content reviewer approves and publishes).

`User.content_role` is the truth; the groups follow it, set here and nowhere else.
"""

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from hubwork.accounts.models import CONTENT_ROLES, Role, User
from hubwork.content.services.site import HOME_SLUG, public_site_ensure
from hubwork.core.audit import audit

EDITORS_GROUP = "Content editors"
REVIEWERS_GROUP = "Content reviewers"
WORKFLOW_NAME = "Content review"
APPROVAL_TASK_NAME = "A content reviewer approves"

# What each role may do to the pages under the home page. Editors may not publish: their
# changes go to a reviewer through the workflow.
PAGE_PERMISSIONS = {
    EDITORS_GROUP: ("add_page", "change_page"),
    REVIEWERS_GROUP: ("add_page", "change_page", "publish_page", "lock_page", "unlock_page"),
}
MEDIA_PERMISSIONS = (
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
)
GROUP_FOR_ROLE = {Role.CONTENT_EDITOR: EDITORS_GROUP, Role.CONTENT_REVIEWER: REVIEWERS_GROUP}


def content_groups_ensure() -> dict[str, Group]:
    """The editors' and reviewers' groups with their permissions, and the review workflow on
    the home page: made where missing (a new database, or a test that emptied the tables)."""
    public_site_ensure()
    home = Page.objects.get(depth=2, slug=HOME_SLUG)
    access_admin = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    root_collection = Collection.get_first_root_node()
    groups = {}
    for name, codenames in PAGE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(access_admin)
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=home,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                ),
            )
        if root_collection is not None:
            for app_label, codename in MEDIA_PERMISSIONS:
                GroupCollectionPermission.objects.get_or_create(
                    group=group,
                    collection=root_collection,
                    permission=Permission.objects.get(
                        content_type__app_label=app_label, codename=codename
                    ),
                )
        groups[name] = group
    task = GroupApprovalTask.objects.filter(name=APPROVAL_TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=APPROVAL_TASK_NAME)
    task.groups.set([groups[REVIEWERS_GROUP]])
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=home, defaults={"workflow": workflow})
    return groups


def content_role_set(*, user: User, role: str, by: User | None) -> User:
    """Grant a content role (editor or reviewer), or take it away with an empty `role`, and
    put the person in the matching Wagtail group (and out of the other)."""
    if role and role not in CONTENT_ROLES:
        raise ValidationError({"role": "Choose a content role from the list."})
    with transaction.atomic():
        groups = content_groups_ensure()
        previous = user.content_role
        user.content_role = role
        user.save(update_fields=["content_role"])
        user.groups.remove(*groups.values())
        if role:
            user.groups.add(groups[GROUP_FOR_ROLE[Role(role)]])
        user.__dict__.pop("roles", None)  # the cached set of roles is out of date
        if previous != role:
            audit(
                by,
                "content_role.granted" if role else "content_role.removed",
                user,
                role=role or previous,
            )
    return user
