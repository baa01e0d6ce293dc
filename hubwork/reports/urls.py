"""Reports: a hub's reach against the register, its never-engaged schools, equity,
programmes and LLMEs' load (hub staff, and national admins for any hub), and the national
picture across hubs and years (national admins). Every filter is in the GET address, so a
report can be shared; every table exports as CSV and Excel."""

from django.urls import URLPattern, URLResolver

HUB = "hubs/<slug:hub_slug>/manage/reports/"
NATIONAL = "national/reports/"

app_name = "reports"

urlpatterns: list[URLPattern | URLResolver] = []
