from django.urls import path

from . import views

app_name = "suggestions"
urlpatterns = [
    path("p/<slug:slug>/suggest/", views.suggestion_form, name="form"),
    path("org/<slug:slug>/suggestions/", views.suggestion_manage, name="manage"),
    path("suggestions/<int:pk>/answer/", views.suggestion_answer, name="answer"),
    path("suggestions/<int:pk>/withhold/", views.suggestion_withhold, name="withhold"),
]
