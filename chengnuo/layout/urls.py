from django.urls import path

from . import views

app_name = "layout"
urlpatterns = [path("language/", views.language_switch, name="language")]
