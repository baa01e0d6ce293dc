from django.urls import path

from hubwork.schools import views

urlpatterns = [
    path("schools/search/", views.school_search, name="school_search"),
]
