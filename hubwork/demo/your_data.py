"""Your data in the demo: a teacher who has asked for their account to be deleted and is in
the 14 days' cooling-off, so the national team's erasure page lists a deletion waiting for
its date, and the teacher's own Your data page shows it with the way to cancel."""

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.utils import timezone

from hubwork.accounts.models import ErasureRequest, User
from hubwork.accounts.services.erasure import erasure_request
from hubwork.accounts.services.users import user_create

LEAVING_EMAIL = "leaving@example.org"


def seed_your_data(*, password: str) -> int:
    """Create the leaving teacher and their pending deletion, unless they exist."""
    if User.objects.filter(email=LEAVING_EMAIL).exists():
        return 0
    user = user_create(email=LEAVING_EMAIL, password=password, display_name="Leah Moreton")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    erasure_request(
        user=user,
        by=user,
        reason=ErasureRequest.Reason.SELF,
        now=timezone.now() - timedelta(days=4),
    )
    return 2
