from django.urls import path

from . import views

app_name = "boards"
urlpatterns = [
    path("m/<str:public_id>/", views.member_page, name="member"),
]
