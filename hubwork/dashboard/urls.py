from django.urls import path

from hubwork.dashboard import views

urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
]
