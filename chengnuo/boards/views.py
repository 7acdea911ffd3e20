from django.http import Http404


def member_page(request, public_id):
    raise Http404
