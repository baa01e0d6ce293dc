"""Addresses of the LLME pathway and records. Each subject keeps its own block."""

from django.urls import URLPattern, path  # noqa: F401

app_name = "leaders"

urlpatterns: list[URLPattern] = []

# Applications: applying, the school leader's confirmation, hubs' pipelines ---------------
urlpatterns += []

# The PD Lead pathway and LLME records ----------------------------------------------------
urlpatterns += []

# Development: log, co-leads' notes, pairings, quality visits, the national directory -------
urlpatterns += []
