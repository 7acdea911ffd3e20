from django.urls import path

from . import views

app_name = "organizations"
urlpatterns = [
    path("org/<slug:slug>/", views.organization_detail, name="detail"),
    path("org/<slug:slug>/members/", views.member_list, name="members"),
    path("org/<slug:slug>/edit/", views.organization_edit, name="edit"),
    path("org/<slug:slug>/delete/", views.organization_delete, name="delete"),
    path("org/<slug:slug>/posts/<int:post_id>/delete/", views.post_delete, name="post_delete"),
    path("org/<slug:slug>/children/new/", views.organization_create, name="create_child"),
    path("org/<slug:slug>/posts/new/", views.post_edit, name="post_create"),
    path("org/<slug:slug>/posts/<int:post_id>/edit/", views.post_edit, name="post_edit"),
    path("p/<slug:slug>/", views.public_organization, name="public"),
]
