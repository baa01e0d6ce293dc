"""An LLME's profile for the national directory: whether to be listed (off until they say
so), the phases they work in, the programmes they can lead, and a few words about them."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction

from hubwork.accounts.models import User
from hubwork.core.audit import audit
from hubwork.core.choices import Phase
from hubwork.leaders.models import LlmeProfile
from hubwork.programmes.models import Programme

MAX_ABOUT_LENGTH = 2_000


def llme_profile_save(
    *,
    user: User,
    listed_in_directory: bool,
    phases: Iterable[str],
    programmes: Iterable[Programme],
    about: str = "",
) -> LlmeProfile:
    """Make or change the person's own profile. Phases are kept in school order."""
    chosen = set(phases)
    unknown = chosen - set(Phase.values)
    if unknown:
        raise ValidationError({"phases": "Choose phases from the list."})
    about = about.strip()
    if len(about) > MAX_ABOUT_LENGTH:
        raise ValidationError({"about": f"Keep this to {MAX_ABOUT_LENGTH:,} characters."})
    programme_list = list(programmes)
    with transaction.atomic():
        profile = LlmeProfile.objects.select_for_update().filter(user=user).first()
        created = profile is None
        if profile is None:
            profile = LlmeProfile(user=user)
        was_listed = profile.listed_in_directory
        profile.listed_in_directory = listed_in_directory
        profile.phases = [phase for phase in Phase.values if phase in chosen]
        profile.about = about
        profile.save()
        profile.programmes.set(programme_list)
        audit(
            user,
            "llme_profile.created" if created else "llme_profile.changed",
            profile,
            listed_in_directory=listed_in_directory,
            listing_changed=created or was_listed != listed_in_directory,
        )
    return profile
