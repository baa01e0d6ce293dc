"""The public findings' addresses (views/findings.py), added to research/urls.py."""

from django.urls import path
from django.views.decorators.http import require_GET

from hubwork.research.feeds import FindingsFeed
from hubwork.research.views import findings

urlpatterns = [
    path("research/", findings.findings, name="findings"),
    path("research/feed.atom", require_GET(FindingsFeed()), name="findings_feed"),
    path("research/<int:pk>/", findings.finding_redirect, name="finding_redirect"),
    path(
        "research/<int:pk>/cite.<str:file_format>",
        findings.finding_citation,
        name="finding_citation",
    ),
    path("research/<int:pk>/<str:slug>/", findings.finding, name="finding"),
]
