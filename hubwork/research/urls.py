from django.urls import path

from hubwork.research.views import exports, imports, library, readings

app_name = "research"

urlpatterns = [
    path("library/readings/", library.library, name="library"),
    path("library/readings/export.<str:file_format>", exports.library_export, name="export"),
    path("library/readings/add/", readings.reading_create, name="reading_create"),
    path("library/readings/import/", imports.readings_import_page, name="import"),
    path("library/readings/<int:pk>/", readings.reading_detail, name="reading"),
    path("library/readings/<int:pk>/edit/", readings.reading_edit, name="reading_edit"),
    path("library/readings/<int:pk>/delete/", readings.reading_delete, name="reading_delete"),
]
