import secrets
from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.functional import cached_property


class Role(models.TextChoices):
    """Every role a person can hold. Hub-scoped roles are granted as `hubs.HubRole` rows."""

    NATIONAL_ADMIN = "national_admin", "National admin"
    HUB_LEAD = "hub_lead", "Hub lead"
    ASSISTANT_HUB_LEAD = "assistant_hub_lead", "Assistant hub lead"
    LLME = "llme", "LLME (Work Group lead)"
    COHORT_LEAD = "cohort_lead", "Cohort lead"
    COMMUNITY_LEAD = "community_lead", "Community lead"
    PARTICIPANT = "participant", "Participant"
    # National roles on the public site (content/): editors write and submit pages and
    # newsletter issues; content reviewers also publish them.
    CONTENT_EDITOR = "content_editor", "Content editor"
    CONTENT_REVIEWER = "content_reviewer", "Content reviewer"


# A hub's staff: they open its staff area and see its schools and team.
HUB_STAFF_ROLES = frozenset({Role.HUB_LEAD, Role.ASSISTANT_HUB_LEAD})
# Roles that see other people's personal data across a hub or the country:
# these must sign in with two-factor authentication.
CONTENT_ROLES = frozenset({Role.CONTENT_EDITOR, Role.CONTENT_REVIEWER})
# Content editors and reviewers see feedback and subscribers across the site: two-factor too.
STAFF_ROLES = HUB_STAFF_ROLES | {Role.NATIONAL_ADMIN} | CONTENT_ROLES


CONTENT_ROLES_ORDERED = (Role.CONTENT_EDITOR, Role.CONTENT_REVIEWER)


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    @classmethod
    def normalize_email(cls, email: str | None) -> str:
        # One login per address whatever its case: store it lower-cased.
        return (email or "").strip().lower()

    def get_by_natural_key(self, username: str | None) -> "User":
        return self.get(email__iexact=self.normalize_email(username))

    def create_user(self, email: str, password: str | None = None, **extra_fields: Any) -> "User":
        """Django's way in (`createsuperuser`); the account is made by `user_create`."""
        # Imported here because the services module imports this one.
        from hubwork.accounts.services.users import user_create

        if not email:
            raise ValueError("An email address is required.")
        return user_create(email=email, password=password, **extra_fields)

    def create_superuser(
        self, email: str, password: str | None = None, **extra_fields: Any
    ) -> "User":
        extra_fields.update(is_staff=True, is_superuser=True, is_national_admin=True)
        return self.create_user(email, password, **extra_fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person: one login per email address, whatever roles they hold."""

    email = models.EmailField("email address", unique=True)
    display_name = models.CharField(
        "name", max_length=150, help_text="Your name as other teachers and leads will see it."
    )
    is_national_admin = models.BooleanField(
        default=False, help_text="Member of the national team: sees and manages every hub."
    )
    # A national role on the public site, granted by a national admin (content/services/editors.py).
    content_role = models.CharField(
        max_length=20,
        blank=True,
        choices=[(role.value, role.label) for role in CONTENT_ROLES_ORDERED],
        help_text="Edits (content editor) or also publishes (content reviewer) the public site.",
    )
    is_staff = models.BooleanField(
        "admin site access", default=False, help_text="Can sign in to the admin site."
    )
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["display_name"]

    class Meta:
        constraints = [
            models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique"),
        ]

    def __str__(self) -> str:
        return self.display_name or self.email

    def clean(self) -> None:
        super().clean()
        self.email = UserManager.normalize_email(self.email)

    def get_full_name(self) -> str:
        return self.display_name

    def get_short_name(self) -> str:
        return self.display_name

    @cached_property
    def roles(self) -> frozenset[Role]:
        """Every role this person holds today (everyone signed in is a participant)."""
        roles = {Role.PARTICIPANT}
        if self.is_national_admin:
            roles.add(Role.NATIONAL_ADMIN)
        if self.content_role:
            roles.add(Role(self.content_role))
        roles.update(Role(role) for role in self.hub_roles.current().values_list("role", flat=True))
        return frozenset(roles)

    @property
    def needs_two_factor(self) -> bool:
        return bool(self.roles & STAFF_ROLES)


class EmailCode(models.Model):
    """The code we last emailed to an address, to confirm it or to sign in with it.

    allauth keeps the code it expects in the browser's session, so a second sign-in (after
    "Cancel", in another browser, on another device) made a new code and the one already in
    the person's inbox stopped working without a word. Kept here, the same code goes out
    again until it runs out, whichever browser asks; once used, or guessed at too often, it is
    gone (accounts/codes.py). Written only by `email_code_issue` and `email_code_spend`.
    """

    class Purpose(models.TextChoices):
        CONFIRM_EMAIL = "confirm_email", "Confirm an email address"
        SIGN_IN = "sign_in", "Sign in"
        DELETE_ACCOUNT = "delete_account", "Confirm deleting an account"

    email = models.EmailField()
    purpose = models.CharField(max_length=20, choices=Purpose.choices)
    code = models.CharField(max_length=32)
    sent_at = models.DateTimeField()
    expires_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["email", "purpose"], name="accounts_emailcode_one"),
        ]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} code for {self.email}"


def new_erasure_reference() -> str:
    """A reference for an erasure that says nothing about whose it was (ER-7K3QX9)."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "ER-" + "".join(secrets.choice(alphabet) for _ in range(6))


class DataExport(models.Model):
    """A ZIP of everything Hubwork holds about one person, built by a Celery task
    (accounts/tasks.py) and kept under a random private name for `EXPORT_LIFETIME`; only
    its owner can download it (accounts/permissions.py)."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        BUILDING = "building", "Being prepared"
        READY = "ready", "Ready to download"
        FAILED = "failed", "Could not be prepared"
        EXPIRED = "expired", "Expired"

    # Still on its way: a person has at most one at a time.
    IN_PROGRESS: ClassVar[tuple[str, ...]] = (Status.QUEUED, Status.BUILDING)

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="data_exports"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0, help_text="Percent done.")
    file_name = models.CharField(max_length=200, blank=True, help_text="Its name in storage.")
    size = models.PositiveBigIntegerField(default=0, help_text="Bytes.")
    created_at = models.DateTimeField(default=timezone.now)
    ready_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    download_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "expires_at"])]

    def __str__(self) -> str:
        return f"Data export {self.pk} ({self.get_status_display()})"


class ErasureRequest(models.Model):
    """A request to erase a person's account, carried out when due (`account_erase`).

    Once carried out the person is gone: `user` is emptied and only the reference, the
    reason and the dates remain, for the audit trail."""

    class Reason(models.TextChoices):
        SELF = "self", "Asked for by the person, in Hubwork"
        EMAIL = "email", "Asked for by the person, in writing"
        UNUSED = "unused", "Account not used for a long time"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="erasure_requests",
    )
    reference = models.CharField(max_length=12, unique=True, default=new_erasure_reference)
    reason = models.CharField(max_length=10, choices=Reason.choices)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The person themselves, or the national admin who took the request.",
    )
    note = models.CharField(
        max_length=300, blank=True, help_text="Why, as the national admin recorded it."
    )
    requested_at = models.DateTimeField(default=timezone.now)
    due_at = models.DateTimeField()
    cancelled_at = models.DateTimeField(null=True, blank=True)
    carried_out_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_at", "pk"]
        indexes = [models.Index(fields=["carried_out_at", "cancelled_at", "due_at"])]

    def __str__(self) -> str:
        return f"Erasure {self.reference}"

    @property
    def is_pending(self) -> bool:
        return self.cancelled_at is None and self.carried_out_at is None


# What an erased person's row shows in their place: their enrolments stay, as anonymous rows,
# so schools' engagement and attendance counts are unchanged.
ERASED_NAME = "Someone who has left"


def erased_address(user_pk: int) -> str:
    """The address an erased account keeps in place of the person's: unique, and one that no
    mail can reach (the .invalid domain is reserved), so their own address can sign up again."""
    return f"erased-{user_pk}@erased.invalid"
