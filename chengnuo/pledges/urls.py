from django.urls import path

from . import views

app_name = "pledges"
urlpatterns = [
    path("pledges/mine/", views.pledges_mine, name="mine"),
    path("pledges/start/", views.pledge_start, name="start"),
    path("pledges/<int:pk>/", views.pledge_detail, name="detail"),
    path("pledges/<int:pk>/items/add/", views.item_add, name="item_add"),
    path("pledges/<int:pk>/items/<int:item_pk>/edit/", views.item_edit, name="item_edit"),
    path("pledges/<int:pk>/items/<int:item_pk>/remove/", views.item_remove,
         name="item_remove"),
    path("pledges/<int:pk>/submit/", views.pledge_submit, name="submit"),
    path("pledges/<int:pk>/withdraw/", views.pledge_withdraw, name="withdraw"),
    path("pledges/<int:pk>/revise/", views.pledge_revise, name="revise"),
    path("pledges/<int:pk>/publish/", views.pledge_publish, name="publish"),
    path("pledges/<int:pk>/publications/", views.publication_record, name="publication"),
    path("pledges/<int:pk>/amend/", views.pledge_amend, name="amend"),
    path("pledges/<int:pk>/extend/", views.pledge_extend, name="extend"),
    path("pledges/<int:pk>/review/", views.pledge_review, name="review"),
]
