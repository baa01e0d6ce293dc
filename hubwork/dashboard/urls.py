from django.urls import path

from hubwork.dashboard import views

app_name = "dashboard"

urlpatterns = [
    path("", views.home, name="home"),
    path("dashboard/", views.dashboard, name="index"),
]
