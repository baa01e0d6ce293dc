from django.http import HttpRequest

from hubwork.accounts.models import User


class AuthenticatedRequest(HttpRequest):
    """The request a `login_required` view receives: its user is a signed-in `User`."""

    user: User
