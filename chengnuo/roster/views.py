from django.http import HttpResponse


def roster_import(request, slug):  # replaced by the roster import page
    return HttpResponse(status=501)


def roster_template(request, fmt):
    return HttpResponse(status=501)
