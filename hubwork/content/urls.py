
from django.urls import URLPattern, URLResolver

app_name = "content"

# Each part of the public site adds its own addresses here.
urlpatterns: list[URLPattern | URLResolver] = []
