from django.urls import path

from . import views

app_name = "roster"
urlpatterns = [
    path("org/<slug:slug>/import/", views.roster_import, name="import"),
    path("roster/template.<str:fmt>", views.roster_template, name="template"),
]
