"""allauth's request for a sign-in code, which sends again a code that still works."""

from typing import Any

from allauth.account.views import RequestLoginCodeView
from django.http import HttpResponse

from hubwork.accounts.codes import REUSE_SIGN_IN_CODE, match_sign_in_state


class RequestSignInCodeView(RequestLoginCodeView):
    """allauth's "Sign in with a code", except that asking again while the code already
    emailed still works sends that same code again, so it keeps working (accounts/codes.py)."""

    def form_valid(self, form: Any) -> HttpResponse:
        setattr(self.request, REUSE_SIGN_IN_CODE, True)
        response = super().form_valid(form)
        match_sign_in_state(self.request)
        return response


request_sign_in_code = RequestSignInCodeView.as_view()
