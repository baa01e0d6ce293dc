"""Hubwork settings, read from environment variables (see .env.example and the README).

SQLite and in-process background work by default, so a fresh clone just runs;
DATABASE_URL and REDIS_URL switch to PostgreSQL, Redis and Celery workers.
"""

import os
from pathlib import Path

import dj_database_url
import django_stubs_ext
from celery.schedules import crontab
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

# Lets classes subscript Django generics (QuerySet["Hub"], ModelAdmin[Hub]) at run time.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def env_bool(name: str, default: bool) -> bool:
    value = env_str(name)
    if not value:
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def env_int(name: str, default: int) -> int:
    value = env_str(name)
    try:
        return int(value) if value else default
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    value = env_str(name)
    if not value:
        return list(default or [])
    return [item.strip() for item in value.split(",") if item.strip()]


DJANGO_ENV = env_str("DJANGO_ENV", "development")
if DJANGO_ENV not in {"development", "production"}:
    raise ImproperlyConfigured("DJANGO_ENV must be 'development' or 'production'.")
PRODUCTION = DJANGO_ENV == "production"

SECRET_KEY = env_str("SECRET_KEY")
if PRODUCTION and len(SECRET_KEY) < 50:
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a random string of 50 or more characters."
    )
if not SECRET_KEY:
    SECRET_KEY = "development-only-key-never-used-in-production-7c1f0e9a2b4d6f8e0a1c3e5f7b9d"  # noqa: S105

DEBUG = False if PRODUCTION else env_bool("DEBUG", True)

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]"])
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must list the host names Hubwork answers to.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# Hubwork's own address, for links in emails and calendar feeds.
# `make run` and `make dev` set it from their HOST and PORT unless it is set already.
SITE_URL = (env_str("SITE_URL") or "http://127.0.0.1:8000").rstrip("/")

# Where the SQLite database and uploaded files live on one machine.
DATA_DIR = Path(env_str("DATA_DIR") or BASE_DIR / "data")

INSTALLED_APPS = [
    # Hubwork's apps come first so that their templates override allauth's.
    "hubwork.core",
    "hubwork.accounts",
    "hubwork.schools",
    "hubwork.hubs",
    "hubwork.programmes",
    "hubwork.workgroups",
    "hubwork.practice",
    "hubwork.research",
    "hubwork.evaluation",
    "hubwork.reports",
    "hubwork.leaders",
    "hubwork.dashboard",
    "hubwork.content",
    # The public content site (content/): Wagtail and what it is built on.
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "anymail",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django.forms",
    "django_htmx",
    "django_filters",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "hubwork.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    # Wagtail's editor at /cms/ needs inline scripts and styles: see content/middleware.py.
    "hubwork.content.middleware.CmsContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "hubwork.core.middleware.ReportingEndpointsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "hubwork.accounts.middleware.SignedInSessionsMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "hubwork.accounts.middleware.StaffTwoFactorMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "hubwork.urls"
FORM_RENDERER = "hubwork.core.forms.GovukFormRenderer"
WSGI_APPLICATION = "hubwork.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                # Page feedback's panel on public pages (no queries).
                "hubwork.content.feedback_pages.feedback_panel",
            ],
        },
    },
]

# Database: SQLite in DATA_DIR unless DATABASE_URL names another (PostgreSQL in production).
# Every SQLite database, however named, gets these: IMMEDIATE transactions serialise writers,
# so place allocation cannot oversell; WAL lets readers carry on while one writer works; the
# timeout makes writers wait rather than answer "database is locked".
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
}
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(DATABASE_URL, conn_max_age=600, conn_health_checks=True)
    }
else:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(DATA_DIR / "hubwork.sqlite3"),
        }
    }
# A read replica for reports (PostgreSQL streaming replication): with DATABASE_REPLICA_URL
# set, reads made inside core.db_routers.reading_replica() (report views, decorated with
# @reads_from_replica, and report exports) go to the "replica" alias; every write, every
# locking read and everything else, place allocation above all, stays on "default". Without
# it there is no alias and everything uses "default". In tests the replica mirrors default.
DATABASE_REPLICA_URL = env_str("DATABASE_REPLICA_URL")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = {
        **dj_database_url.parse(DATABASE_REPLICA_URL, conn_max_age=600, conn_health_checks=True),
        "TEST": {"MIRROR": "default"},
    }
DATABASE_ROUTERS = ["hubwork.core.db_routers.ReplicaRouter"]
# PostgreSQL's JIT compiles a query when its estimated cost is high; the grouped report
# queries are, and compiling costs more than the whole query saves (bench/national.py: a hub's
# equity page 650 ms with it, 240 ms without). Web queries are short: it is off for Hubwork.
POSTGRESQL_OPTIONS = {"options": "-c jit=off"}
for _database in DATABASES.values():
    if _database["ENGINE"] == "django.db.backends.sqlite3":
        _database["OPTIONS"] = {**SQLITE_OPTIONS, **_database.get("OPTIONS", {})}
    elif _database["ENGINE"] == "django.db.backends.postgresql":
        _database["OPTIONS"] = {**POSTGRESQL_OPTIONS, **_database.get("OPTIONS", {})}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis: cache, rate limits and locks, and the Celery broker. While Redis is down each
# process counts rate limits in its own memory (core/cache.py). Without Redis the cache is a
# database table shared by every web worker (created by `migrate`), and tasks run eagerly
# in-process.
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "hubwork.core.cache.FallbackRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "hubwork",
            # An unreachable Redis is given up on quickly; the cache then falls back.
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "hubwork.core.cache.SharedDatabaseCache",
            "LOCATION": "hubwork_cache",
            # Rate-limit counts are kept until their window closes, not culled for room.
            "OPTIONS": {"MAX_ENTRIES": 100_000},
        }
    }

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
# A task is acknowledged only once it has run, so a worker that dies loses nothing.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = "Europe/London"
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULE = {
    # Offers of waiting-list places lapse after their time and move on to the next person.
    "expire-offers": {"task": "hubwork.workgroups.tasks.expire_offers", "schedule": 600},
    # So do colleagues' invitations to confirm a place: their batch goes on without them.
    "lapse-invitations": {"task": "hubwork.workgroups.tasks.lapse_invitations", "schedule": 600},
    # Reminders before sessions: trials not yet logged, plans not yet made. Hourly, because
    # each reminder is recorded once sent and the job only picks up what is due.
    "practice-reminders": {"task": "hubwork.practice.tasks.send_reminders", "schedule": 3600},
    # Evaluation: forms that have opened (after a session, on getting a place, after the
    # last session) are sent, and non-respondents reminded at most twice, spaced, never once
    # a form has closed. Hourly; each email is recorded once sent.
    "evaluation-requests": {
        "task": "hubwork.evaluation.tasks.send_evaluation_requests",
        "schedule": 3600,
    },
    # Retention: expired evidence, unconfirmed sign-ups, unused accounts. Nightly, when
    # nobody is working; a second run the same night removes nothing.
    "apply-retention": {
        "task": "hubwork.core.tasks.apply_retention",
        "schedule": crontab(hour=3, minute=15),
    },
    # Accounts whose erasure is due (the 14 days' cooling-off, or an unused account's 30 days'
    # notice, are over) are erased. Daily; an erasure already carried out is not done again.
    "carry-out-erasures": {
        "task": "hubwork.accounts.tasks.carry_out_due_erasures",
        "schedule": crontab(hour=3, minute=45),
    },
    # Tasks that changes queued while the broker was away (core/outbox.py).
    "flush-outbox": {"task": "hubwork.core.tasks.flush_outbox", "schedule": 60},
    # Newsletter issues: scheduled sends that are due start, and sends whose worker died
    # partway resume (each recipient's delivery row says whether they have had it).
    "newsletter-sends": {
        "task": "hubwork.content.sending_tasks.start_due_issue_sends",
        "schedule": 60,
    },
    # The public site's pages scheduled to go live (or to come down) at a time an editor chose.
    "publish-scheduled-pages": {
        "task": "hubwork.content.page_tasks.publish_scheduled",
        "schedule": 60,
    },
}

# Accounts: email is the login; allauth does sign-up, sign-in (password or emailed code),
# verification, password reset and two-factor authentication.
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboard:index"
ACCOUNT_ADAPTER = "hubwork.accounts.adapter.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "hubwork.accounts.forms.signup_fields.SignupForm"
ACCOUNT_FORMS = {
    "login": "hubwork.accounts.forms.wording.LoginForm",
    "signup": "hubwork.accounts.forms.wording.AccountSignupForm",
    "add_email": "hubwork.accounts.forms.wording.ChangeEmailForm",
}
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = True
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "Hubwork: "
ACCOUNT_LOGOUT_REDIRECT_URL = "dashboard:home"
MFA_ADAPTER = "hubwork.accounts.adapter.MFAAdapter"
# Staff may add passkeys (security keys, or the one built into their phone or computer) as
# well as, or instead of, an authenticator app, and sign in with a passkey alone.
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
MFA_PASSKEY_LOGIN_ENABLED = True
MFA_FORMS = {"add_webauthn": "hubwork.accounts.forms.wording.AddPasskeyForm"}
# Browsers offer passkeys only over HTTPS, or to http://localhost while developing.
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG
MFA_TOTP_ISSUER = "Hubwork"
# Changing an address replaces the old one only once the new one is confirmed, and the old
# address is told about the change (as it is about a new password or two-factor change).
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_EMAIL_NOTIFICATIONS = True
# "Where you're signed in": each browser's sessions, with when it was last used (written by
# accounts.middleware.SignedInSessionsMiddleware every few minutes, in place of allauth's own
# middleware, which writes on every request).
USERSESSIONS_TRACK_ACTIVITY = True
# Lets the demo staff accounts past two-factor with a fixed code. allauth refuses it unless
# DEBUG is on; `make run` sets it for the demo and nothing else does.
if DEBUG and env_str("DEMO_TWO_FACTOR_CODE"):
    MFA_TOTP_INSECURE_BYPASS_CODE = env_str("DEMO_TWO_FACTOR_CODE")

# The public content site (content/, on Wagtail). Editors and content reviewers sign in
# through Hubwork's own sign-in (with two-factor); Wagtail's own password pages are off.
WAGTAIL_SITE_NAME = "Maths Hubs"
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAILADMIN_LOGIN_URL = "/accounts/login/"
WAGTAIL_FRONTEND_LOGIN_URL = "/accounts/login/"
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILUSERS_PASSWORD_ENABLED = False
WAGTAIL_PRIVATE_PAGE_OPTIONS = {"SHARED_PASSWORD": False}
WAGTAILDOCS_PRIVATE_COLLECTION_OPTIONS = {"SHARED_PASSWORD": False}
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
# No avatars from Gravatar: that would send a hash of each editor's email address to a third
# party, and the editor's Content Security Policy allows images from Hubwork alone.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_I18N_ENABLED = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
# Newsletters go out through the mail provider (EMAIL_BACKEND); its webhooks report bounces
# and complaints to /newsletters/webhooks/ (django-anymail), signed with this secret.
ANYMAIL = {"WEBHOOK_SECRET": env_str("ANYMAIL_WEBHOOK_SECRET") or None}
# Newsletter issues are sent in batches of this many emails, one batch every
# NEWSLETTER_BATCH_SECONDS, so the provider's rate is kept.
NEWSLETTER_BATCH_SIZE = env_int("NEWSLETTER_BATCH_SIZE", 200)
NEWSLETTER_BATCH_SECONDS = env_int("NEWSLETTER_BATCH_SECONDS", 10)

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
# WhiteNoise serves from STATIC_ROOT once collectstatic has filled it; while developing it
# serves straight from the source folders and only needs the folder to exist.
WHITENOISE_USE_FINDERS = not PRODUCTION
if not PRODUCTION:
    STATIC_ROOT.mkdir(exist_ok=True)
# Uploaded files (trial evidence, outputs) are never served straight from storage: every
# download goes through a view that checks who may see it. One machine keeps them in the data
# folder; with MEDIA_BUCKET set they go to S3-compatible storage (credentials from the usual
# AWS_* variables), private, with no public URLs.
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"
MEDIA_BUCKET = env_str("MEDIA_BUCKET")
STORAGES = {
    "default": (
        {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": MEDIA_BUCKET,
                "endpoint_url": env_str("MEDIA_ENDPOINT_URL") or None,
                "default_acl": "private",
                "querystring_auth": True,
                "file_overwrite": False,
            },
        }
        if MEDIA_BUCKET
        else {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    ),
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# Evidence and output files: images (stored with their metadata stripped) or PDFs.
UPLOAD_MAX_BYTES = env_int("UPLOAD_MAX_BYTES", 10 * 1024 * 1024)

# Retention (README, "Retention"): the nightly "apply-retention" job removes what has been kept
# long enough; `manage.py retention --dry-run` lists what would go.
# Trial evidence files go this many years after their Work Group's academic year ends (on
# 31 August): with 3, a 2022/23 group's evidence goes on 1 September 2026. Outputs are kept:
# they are the participant's own resource.
PRACTICE_EVIDENCE_RETENTION_YEARS = env_int("PRACTICE_EVIDENCE_RETENTION_YEARS", 3)
# Newsletter sign-ups never confirmed go after this many days (the content app's rule).
NEWSLETTER_UNCONFIRMED_RETENTION_DAYS = env_int("NEWSLETTER_UNCONFIRMED_RETENTION_DAYS", 30)
# Requests to hear when a Work Group opens (content's "work-group-interest" rule): never
# confirmed ones go after NEWSLETTER_UNCONFIRMED_RETENTION_DAYS too; ones already answered
# (the person was told) after this many days.
INTEREST_NOTIFIED_RETENTION_DAYS = env_int("INTEREST_NOTIFIED_RETENTION_DAYS", 365)
# Accounts nobody has signed in to for this many years are warned by email and erased 30
# days later unless they sign in (staff accounts are kept; the accounts app's rule).
ACCOUNT_RETENTION_YEARS = env_int("ACCOUNT_RETENTION_YEARS", 3)
# School leaders' names and email addresses (asked at sign-up for the school leader
# questionnaire) are blanked this many years after their Work Group's academic year ends
# (the evaluation app's rule).
SCHOOL_LEADER_CONTACT_RETENTION_YEARS = env_int("SCHOOL_LEADER_CONTACT_RETENTION_YEARS", 1)

# Email: printed to the console while developing; SMTP in production.
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Hubwork <no-reply@hubwork.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where people write to the national team for help, feedback, or a copy or deletion of their
# information (the help, privacy and accessibility pages give it).
CONTACT_EMAIL = env_str("CONTACT_EMAIL") or "maths-hubs@hubwork.localhost"
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", PRODUCTION)
EMAIL_TIMEOUT = 20

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Scripts run only from Hubwork's own files, or inline with the nonce of the response they
# came in (request.csp_nonce); no inline styles at all. Browsers report what they refuse to
# core:csp_report, which logs it. File downloads set their own, stricter policy.
CSP_REPORT_PATH = "/csp-report/"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        # allauth shows the QR code for an authenticator app as a data: URL.
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "report-uri": [CSP_REPORT_PATH],
        "report-to": "csp",
    }
}
# Browser features Hubwork never uses are turned off; passkeys are allowed on its own pages.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    "accelerometer": [],
    "autoplay": [],
    "camera": [],
    "display-capture": [],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": [],
    "publickey-credentials-create": ["self"],
    "publickey-credentials-get": ["self"],
    "usb": [],
}
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    # The load balancer terminates TLS and says so in this header.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # Health checks come over plain HTTP from inside the network.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}
