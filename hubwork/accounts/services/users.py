"""Writes to people's accounts: made by signing up (or by `createsuperuser`), passwords and
names changed by their owners, and names, roles and flags changed by the national team in the
admin. Each is validated and audited; the log never holds a password."""

from django.core.exceptions import ValidationError
from django.db import transaction

from hubwork.accounts.models import User, UserManager
from hubwork.core.audit import audit
from hubwork.core.validators import validate_single_line

# What gives a person access beyond their own account, and so is logged before and after.
ACCESS_FIELDS = ("is_national_admin", "is_staff", "is_superuser", "is_active")
# A name appears in emails' bodies, where a line break would let it write lines of its own.
NAME_SINGLE_LINE_MESSAGE = "Enter your name without line breaks or control characters"
# Taking away your own access could lock the national team out: someone else must do it.
OWN_ACCESS_MESSAGES = {
    "is_national_admin": "You cannot take away your own national admin role: ask another "
    "national admin.",
    "is_staff": "You cannot take away your own admin site access: ask another national admin.",
    "is_superuser": "You cannot stop being a superuser yourself: ask another superuser.",
    "is_active": "You cannot deactivate your own account: ask another national admin.",
}


def _check_name(display_name: str) -> None:
    """A name is one line: every way a name is set refuses line breaks and control
    characters (spaces around it are trimmed first, as forms do)."""
    try:
        validate_single_line(display_name.strip())
    except ValidationError:
        raise ValidationError({"display_name": NAME_SINGLE_LINE_MESSAGE}) from None


def user_create(
    *,
    email: str,
    password: str | None,
    display_name: str = "",
    by: User | None = None,
    is_national_admin: bool = False,
    is_staff: bool = False,
    is_superuser: bool = False,
) -> User:
    """An account made for someone rather than by signing up (`createsuperuser`, demo data).

    Without a password the account can still sign in with a code sent by email.
    """
    _check_name(display_name)
    user = User(
        email=UserManager.normalize_email(email),
        display_name=display_name,
        is_national_admin=is_national_admin,
        is_staff=is_staff,
        is_superuser=is_superuser,
    )
    user.set_password(password)
    with transaction.atomic():
        user.full_clean(exclude=["password"])
        user.save()
        audit(by, "user.created", user, **{name: getattr(user, name) for name in ACCESS_FIELDS})
    return user


def user_sign_up(*, user: User) -> User:
    """Save someone who has just signed up, as allauth filled them in from the sign-up form
    (address, name and password)."""
    _check_name(user.display_name)
    with transaction.atomic():
        user.full_clean(exclude=["password"])
        user.save()
        audit(user, "user.signed_up", user)
    return user


def user_password_set(*, user: User, password: str) -> User:
    """Set a person's password, which they changed or reset themselves."""
    with transaction.atomic():
        user.set_password(password)
        user.save(update_fields=["password"])
        audit(user, "user.password_changed", user)
    return user


def user_update(
    *,
    user: User,
    by: User,
    display_name: str,
    is_national_admin: bool,
    is_staff: bool,
    is_superuser: bool,
    is_active: bool,
) -> User:
    """Change a person's name, roles and flags. Nobody takes away their own access (another
    national admin must), and only a superuser changes who is one. Nothing changed, nothing
    written."""
    _check_name(display_name)
    with transaction.atomic():
        stored = User.objects.select_for_update().get(pk=user.pk)
        wanted = {
            "display_name": display_name,
            "is_national_admin": is_national_admin,
            "is_staff": is_staff,
            "is_superuser": is_superuser,
            "is_active": is_active,
        }
        problems: dict[str, str] = {}
        if stored.pk == by.pk:
            problems = {
                name: message
                for name, message in OWN_ACCESS_MESSAGES.items()
                if getattr(stored, name) and not wanted[name]
            }
        if stored.is_superuser != is_superuser and not by.is_superuser:
            problems["is_superuser"] = "Only a superuser can change who is a superuser."
        if problems:
            raise ValidationError(problems)
        changed = [name for name, value in wanted.items() if getattr(stored, name) != value]
        if not changed:
            return stored
        access_before = {name: getattr(stored, name) for name in ACCESS_FIELDS}
        for name in changed:
            setattr(stored, name, wanted[name])
        stored.full_clean(exclude=["password"])
        stored.save(update_fields=changed)
        audit(
            by,
            "user.changed",
            stored,
            # Fields by name only (a name is personal data); access before and after.
            changed=changed,
            access={
                name: [access_before[name], wanted[name]]
                for name in ACCESS_FIELDS
                if name in changed
            },
        )
    return stored


def user_details_update(*, user: User, display_name: str) -> User:
    """A person changing their own details (their name, as others see it). Nothing changed,
    nothing written; the log says which details changed, not what to (a name is personal
    data)."""
    _check_name(display_name)
    display_name = " ".join(display_name.split())
    if not display_name:
        raise ValidationError({"display_name": "Enter your name"})
    limit = User._meta.get_field("display_name").max_length or 150
    if len(display_name) > limit:
        raise ValidationError({"display_name": f"Your name must be {limit} characters or fewer"})
    with transaction.atomic():
        stored = User.objects.select_for_update().get(pk=user.pk)
        if stored.display_name == display_name:
            return stored
        stored.display_name = display_name
        stored.full_clean(exclude=["password"])
        stored.save(update_fields=["display_name"])
        audit(stored, "user.details_changed", stored, changed=["display_name"])
    user.display_name = display_name
    return stored
