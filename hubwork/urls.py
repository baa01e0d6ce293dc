from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.urls import include, path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

admin.site.site_header = "Hubwork administration"
admin.site.site_title = "Hubwork admin"
# Sign in to the admin through Hubwork's own sign-in, so two-factor applies there too.
admin.site.login = login_required(admin.site.login)  # type: ignore[method-assign]

# With the request, so that the page's inline scripts get their Content Security Policy nonce.
handler500 = "hubwork.core.views.server_error"

urlpatterns = [
    path("", include("hubwork.core.urls")),
    # Hubwork's own account pages come first: a few take over allauth's addresses.
    path("accounts/", include("hubwork.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("", include("hubwork.dashboard.urls")),
    path("", include("hubwork.hubs.urls")),
    path("", include("hubwork.workgroups.urls")),
    path("", include("hubwork.practice.urls")),
    path("", include("hubwork.research.urls")),
    path("", include("hubwork.evaluation.urls")),
    path("", include("hubwork.reports.urls")),
    path("", include("hubwork.leaders.urls")),
    path("admin/", admin.site.urls),
    # The public site (content/): its own pages first, then Wagtail's editor at /cms/, then
    # every page of the page tree (the catch-all, so it comes last).
    path("", include("hubwork.content.urls")),
    # Editors sign in through Hubwork's own sign-in, with two-factor, never Wagtail's.
    path("cms/login/", RedirectView.as_view(pattern_name="account_login", query_string=True)),
    path("cms/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("", include(wagtail_urls)),
]
