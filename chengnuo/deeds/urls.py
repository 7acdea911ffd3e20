from django.urls import path

from .views import public, reports, stars

app_name = "deeds"
urlpatterns = [
    path("org/<slug:slug>/deeds/", reports.queue, name="queue"),
    path("deeds/<int:pk>/decide/", reports.decide, name="decide"),
    path("deeds/report/", reports.report, name="report"),
    path("deeds/mine/", reports.mine, name="mine"),
    path("deeds/member/<int:pk>/", reports.member_deeds, name="member"),
    path("org/<slug:slug>/stars/", stars.stars, name="stars"),
    path("org/<slug:slug>/stars/name/", stars.star_name, name="star_name"),
    path("stars/<int:pk>/withdraw/", stars.star_unname, name="star_unname"),
    path("org/<slug:slug>/star-lists/", stars.star_lists, name="star_lists"),
    path("org/<slug:slug>/star-lists/new/", stars.star_list_new, name="star_list_new"),
    path("m/<str:public_id>/deed/", public.report_form, name="public_form"),
    path("p/<slug:slug>/stars/<int:year>/<int:quarter>/", public.public_list,
         name="public_list"),
]
