from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.urls import include, path

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
    path("admin/", admin.site.urls),
]
