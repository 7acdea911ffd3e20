from django.urls import path

from . import views

app_name = "evidence"
urlpatterns = [
    path("evidence/<uuid:pk>/", views.evidence_file, name="file"),
]
