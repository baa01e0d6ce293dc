"""The public site's fixed frame: the home page, the spotlights-and-news listing, the
newsletters page, and one phase tag per phase.

Migration 0002 makes them on a new database; `public_site_ensure` makes them again where a
test has emptied the tables (live-server tests flush the database after each test).
"""

from typing import Any

from hubwork.core.choices import Phase

HOME_SLUG = "home"
LISTING_SLUG = "spotlights-and-news"
NEWSLETTERS_SLUG = "newsletters"


def site_frame_build(apps: Any) -> None:
    """Make the frame with the given app registry (a migration's, or the live one)."""
    content_type_model = apps.get_model("contenttypes", "ContentType")
    page_model = apps.get_model("wagtailcore", "Page")
    site_model = apps.get_model("wagtailcore", "Site")
    locale_model = apps.get_model("wagtailcore", "Locale")
    phase_tag_model = apps.get_model("content", "PhaseTag")

    for phase in Phase.values:
        phase_tag_model.objects.get_or_create(phase=phase)

    # Wagtail's own migrations make the one locale the site is in.
    locale = locale_model.objects.order_by("pk").first() or locale_model.objects.create(
        language_code="en-gb"
    )
    root = page_model.objects.filter(depth=1).first()
    if root is None:
        page_content_type, _ = content_type_model.objects.get_or_create(
            app_label="wagtailcore", model="page"
        )
        root = page_model.objects.create(
            title="Root",
            draft_title="Root",
            slug="root",
            content_type=page_content_type,
            path="0001",
            depth=1,
            numchild=0,
            url_path="/",
            locale=locale,
        )
    home_model = apps.get_model("content", "HomePage")
    if home_model.objects.exists():
        return
    # Wagtail's own "Welcome" page is replaced by Hubwork's home page.
    page_model.objects.filter(depth=2, content_type__app_label="wagtailcore").delete()

    def make(
        model_name: str, *, parent: Any, title: str, slug: str, position: int, **fields: Any
    ) -> Any:
        model = apps.get_model("content", model_name)
        content_type, _ = content_type_model.objects.get_or_create(
            app_label="content", model=model_name.lower()
        )
        page = model.objects.create(
            title=title,
            draft_title=title,
            slug=slug,
            content_type=content_type,
            path=f"{parent.path}{position:04d}",
            depth=parent.depth + 1,
            numchild=0,
            url_path=f"{parent.url_path}{slug}/",
            live=True,
            locale=locale,
            **fields,
        )
        page_model.objects.filter(pk=parent.pk).update(numchild=position)
        return page

    position = page_model.objects.filter(depth=2).count() + 1
    home = make("HomePage", parent=root, title="Maths Hubs", slug=HOME_SLUG, position=position)
    make(
        "ArticleIndexPage",
        parent=home,
        title="Spotlights and news",
        slug=LISTING_SLUG,
        position=1,
        intro="<p>Interviews with local leaders of mathematics education, and news from "
        "the Maths Hubs.</p>",
    )
    make(
        "NewsletterIndexPage",
        parent=home,
        title="Newsletters",
        slug=NEWSLETTERS_SLUG,
        position=2,
        intro="<p>Three newsletters, each a few times a term. Choose the ones you want.</p>",
    )
    site = site_model.objects.filter(is_default_site=True).first()
    if site is None:
        site_model.objects.create(
            hostname="localhost",
            port=80,
            root_page_id=home.pk,
            is_default_site=True,
            site_name="Maths Hubs",
        )
    else:
        site.root_page_id = home.pk
        site.site_name = "Maths Hubs"
        site.save(update_fields=["root_page", "site_name"])


def public_site_ensure() -> None:
    """The frame, made again if a test emptied the tables; nothing if it is there."""
    from django.apps import apps

    site_frame_build(apps)
