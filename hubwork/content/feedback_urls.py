"""Page feedback's addresses: visitors' answers, and the editors' reports."""

from django.urls import path

from hubwork.content.views import feedback, feedback_reports

urlpatterns = [
    path("page-feedback/", feedback.feedback_answer, name="feedback_answer"),
    path("content-reports/feedback/", feedback_reports.feedback_report, name="feedback_report"),
    path(
        "content-reports/feedback/page/",
        feedback_reports.feedback_report_page,
        name="feedback_report_page",
    ),
    path(
        "content-reports/feedback/export.csv",
        feedback_reports.feedback_export,
        name="feedback_export",
    ),
]
