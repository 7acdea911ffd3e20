from django.urls import path

from . import views

app_name = "worklists"
urlpatterns = [
    path("org/<slug:slug>/commitments/", views.overview, name="overview"),
    path("reviews/", views.queue, name="queue"),
]
