from django.urls import path

from . import views

app_name = "notices"
urlpatterns = [
    path("org/<slug:slug>/notices/", views.notice_list, name="list"),
    path("org/<slug:slug>/notices/new/", views.notice_new, name="new"),
    path("org/<slug:slug>/rectifications/", views.rectification_list, name="rectifications"),
    path("notices/<int:pk>/", views.notice_detail, name="detail"),
    path("notices/<int:pk>/withdraw/", views.notice_withdraw, name="withdraw"),
    path("p/<slug:slug>/notices/<int:pk>/", views.public_notice, name="public"),
    path("rectifications/<int:pk>/", views.rectification_detail, name="rectification"),
    path("rectifications/<int:pk>/answer/", views.rectification_answer, name="answer"),
    path("rectifications/<int:pk>/decide/", views.rectification_decide, name="decide"),
]
