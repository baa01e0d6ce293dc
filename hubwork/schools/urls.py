from django.urls import path

from hubwork.schools import views

app_name = "schools"

urlpatterns = [
    path("schools/search/", views.school_search, name="search"),
]
