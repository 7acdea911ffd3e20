from django.conf import settings
from django.http import HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import check_for_language
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST


@csrf_exempt  # Only sets the language cookie; exempt so public pages carry no CSRF cookie.
@require_POST
def language_switch(request):
    language = request.POST.get("language", "")
    target = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
        target = "/"
    response = HttpResponseRedirect(target)
    if check_for_language(language):
        response.set_cookie(settings.LANGUAGE_COOKIE_NAME, language,
                            max_age=365 * 24 * 3600, samesite="Lax",
                            secure=request.is_secure())
    return response
