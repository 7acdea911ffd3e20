from django.urls import path

from . import views

app_name = "boards"
urlpatterns = [
    path("m/<str:public_id>/", views.member_page, name="member"),
    path("m/<str:public_id>/badge/", views.member_badge, name="badge"),
    path("p/<slug:slug>/sheet/", views.board_sheet, name="sheet"),
    path("p/<slug:slug>/badges/", views.organization_badges, name="badges"),
]
