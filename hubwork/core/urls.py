from django.urls import path

from hubwork.core import views

app_name = "core"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    # What every public service has, linked from every page's footer.
    path("help/", views.help_page, name="help"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("privacy/", views.privacy, name="privacy"),
    path("cookies/", views.cookies, name="cookies"),
    path(".well-known/security.txt", views.security_txt_file, name="security_txt"),
    # Where browsers report what the Content Security Policy refused (settings.CSP_REPORT_PATH).
    path("csp-report/", views.csp_report, name="csp_report"),
]
