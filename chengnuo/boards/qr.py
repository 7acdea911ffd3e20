"""QR codes for printed pages: an inline SVG, so a printed badge needs no image request."""

import hashlib

import segno
from django.conf import settings
from django.core.cache import cache
from django.utils.safestring import SafeString, mark_safe

QR_CACHE_SECONDS = 30 * 24 * 3600


def qr_svg(data: str, *, title: str = "", scale: int = 4) -> SafeString:
    """An SVG element encoding data. Error correction M survives a scuffed or laminated
    badge; segno escapes the title itself. A code takes several milliseconds to draw and
    never changes for the same input, so it is kept in the shared cache: printing a whole
    organization's badges again costs no drawing."""
    key = "qr:" + hashlib.sha256(f"{scale}|{title}|{data}".encode()).hexdigest()
    svg = cache.get(key)
    if svg is None:
        code = segno.make(data, error="m", micro=False)
        svg = code.svg_inline(scale=scale, border=2, svgclass="qr", title=title or None,
                              dark="#000", light="#fff")
        cache.set(key, svg, QR_CACHE_SECONDS)
    return mark_safe(svg)  # noqa: S308 - segno's own markup, title escaped by segno


def printed_url(request, path: str) -> str:
    """The absolute address a printed QR code carries: PUBLIC_BASE_URL when set, so every
    badge points at the public site whichever host it was printed from."""
    if settings.PUBLIC_BASE_URL:
        return settings.PUBLIC_BASE_URL + path
    return request.build_absolute_uri(path)
