from django.urls import path

from . import views

app_name = "members"
urlpatterns = [
    path("members/<int:pk>/", views.member_detail, name="detail"),
    path("members/<int:pk>/edit/", views.member_edit, name="edit"),
    path("members/<int:pk>/transfer/", views.member_transfer, name="transfer"),
    path("org/<slug:slug>/members/new/", views.member_create, name="create"),
]
