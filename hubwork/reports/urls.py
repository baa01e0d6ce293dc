"""Reports: a hub's reach against the register, its never-engaged schools, equity,
programmes and LLMEs' load (hub staff, and national admins for any hub), and the national
picture across hubs and years (national admins). Every filter is in the GET address, so a
report can be shared; every table exports as CSV and Excel."""

from django.urls import URLPattern, URLResolver, path

from hubwork.reports.views import exports, hub, national, outreach

HUB = "hubs/<slug:hub_slug>/manage/reports/"
NATIONAL = "national/reports/"

app_name = "reports"

urlpatterns: list[URLPattern | URLResolver] = []

# The hub's reach report (its staff, and national admins for any hub).
urlpatterns += [
    path(HUB, hub.hub_report, name="hub"),
    path(f"{HUB}export/<slug:table>.<slug:file_format>", hub.hub_export, name="hub_export"),
]

# The national picture (national admins).
urlpatterns += [
    path(NATIONAL, national.national, name="national"),
    path(f"{NATIONAL}trend/", national.national_trend, name="national_trend"),
    path(f"{NATIONAL}programmes/", national.national_programmes, name="national_programmes"),
    path(
        f"{NATIONAL}export/<str:table>.<str:file_format>",
        national.national_export,
        name="national_export",
    ),
]

# The hub's outreach list and equity (its staff, and national admins for any hub).
urlpatterns += [
    path(f"{HUB}never-engaged/", outreach.never_engaged, name="never_engaged"),
    path(
        f"{HUB}never-engaged/export.<str:file_format>",
        outreach.never_engaged_export,
        name="never_engaged_export",
    ),
    path(f"{HUB}equity/", outreach.equity, name="equity"),
    path(
        f"{HUB}equity/export/<slug:table>.<str:file_format>",
        outreach.equity_export,
        name="equity_export",
    ),
]

# Large exports, prepared in the background (national admins: their own).
urlpatterns += [
    path(f"{NATIONAL}exports/", exports.exports, name="exports"),
    path(f"{NATIONAL}exports/<int:pk>/download/", exports.export_download, name="export_download"),
]
