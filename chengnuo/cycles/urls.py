from django.urls import path

from . import views

app_name = "cycles"
urlpatterns = [
    path("org/<slug:slug>/cycles/", views.cycle_list, name="list"),
    path("org/<slug:slug>/cycles/open/", views.cycle_open, name="open"),
    path("cycles/<int:pk>/edit/", views.cycle_edit, name="edit"),
]
