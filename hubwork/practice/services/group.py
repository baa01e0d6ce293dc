"""Writes in a Work Group's group space: sharing contact details, posting to the discussion
and removing posts. Views call these; nothing else saves those rows."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from hubwork.accounts.models import User
from hubwork.core.audit import audit
from hubwork.core.ratelimit import over_limit
from hubwork.practice.models import ContactSharing, DiscussionPost
from hubwork.practice.permissions import can_remove_post
from hubwork.workgroups.models import WorkGroup
from hubwork.workgroups.permissions import is_member

MAX_POST_LENGTH = 4000
# Enough for a lively exchange, too few to flood the thread: per person, per Work Group.
POST_LIMIT = 10
POST_WINDOW_SECONDS = 10 * 60


def contact_sharing_set(*, work_group: WorkGroup, user: User, share: bool) -> ContactSharing | None:
    """Show (share=True) or stop showing `user`'s email address to the rest of the Work
    Group. Only members share: leads are reached through the hub. Returns the row, or None
    once they have stopped sharing."""
    if not is_member(user, work_group):
        raise ValidationError(
            {"share": "Only members of the Work Group can show their email address to it."}
        )
    with transaction.atomic():
        if share:
            # get_or_create: a double click (or two tabs) must not fail on the unique row.
            sharing, created = ContactSharing.objects.get_or_create(
                work_group=work_group, user=user
            )
            if created:
                audit(user, "contact_sharing.started", work_group)
            return sharing
        deleted, _ = ContactSharing.objects.filter(work_group=work_group, user=user).delete()
        if deleted:
            audit(user, "contact_sharing.stopped", work_group)
    return None


def post_create(*, work_group: WorkGroup, author: User, body: str) -> DiscussionPost:
    """Add a message to the Work Group's discussion thread. Callers check `author` may see
    the group space (`workgroups.permissions.get_work_group_for_user` with `Access.MEMBER`)."""
    body = body.strip()
    if not body:
        raise ValidationError({"body": "Enter your message."})
    if len(body) > MAX_POST_LENGTH:
        raise ValidationError(
            {
                "body": f"Your message must be {MAX_POST_LENGTH:,} characters or fewer "
                f"(it has {len(body):,})."
            }
        )
    if over_limit(
        f"discussion-post:{work_group.pk}:{author.pk}",
        limit=POST_LIMIT,
        window_seconds=POST_WINDOW_SECONDS,
    ):
        raise ValidationError(
            {
                "body": f"You have posted {POST_LIMIT} messages in the last "
                f"{POST_WINDOW_SECONDS // 60} minutes, which is as many as the discussion "
                "takes from one person. Wait a few minutes and post it again: your message "
                "is still here."
            }
        )
    with transaction.atomic():
        post = DiscussionPost(work_group=work_group, author=author, body=body)
        post.full_clean()
        post.save()
    return post


def post_remove(*, post: DiscussionPost, by: User) -> DiscussionPost:
    """Hide a post from the thread (its author, the Work Group's leads or hub staff). The row
    stays, with who removed it and when; the audit log keeps who wrote it, never the text."""
    if not can_remove_post(by, post):
        raise PermissionDenied
    if post.removed_at is not None:
        return post
    with transaction.atomic():
        post.removed_at = timezone.now()
        post.removed_by = by
        post.save(update_fields=["removed_at", "removed_by"])
        audit(
            by,
            "discussion_post.removed",
            post,
            hub=post.work_group.hub_id,
            work_group=post.work_group_id,
            author=post.author_id,
            by_author=post.author_id == by.pk,
        )
    return post
