from django.urls import path

from . import views

app_name = "supervision"
urlpatterns = [
    path("org/<slug:slug>/quarters/", views.quarters, name="quarters"),
    path("org/<slug:slug>/quarters/<int:year>/<int:quarter>/", views.quarter, name="quarter"),
    path("org/<slug:slug>/overdue/", views.overdue, name="overdue"),
]
