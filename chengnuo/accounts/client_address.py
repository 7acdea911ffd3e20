"""The client's address for login throttling, behind a known number of reverse proxies.

Each trusted proxy appends the address it received the request from to X-Forwarded-For, so
with N proxies the client is the N-th entry from the right; anything further left was sent
by the client itself and cannot be trusted.
"""

from django.conf import settings


def client_address(request) -> str | None:
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [part.strip() for part in
                     request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")
