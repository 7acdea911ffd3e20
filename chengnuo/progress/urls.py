from django.urls import path

from . import views

app_name = "progress"
urlpatterns = [
    path("items/<int:pk>/progress/", views.item_progress, name="item"),
    path("org/<slug:slug>/progress/", views.organization_progress, name="organization"),
]
