from django.urls import path

from hubwork.accounts import views

urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
]
