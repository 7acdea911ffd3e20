"""QR codes for printed pages: an inline SVG, so a printed badge needs no image request."""

import segno
from django.conf import settings
from django.utils.safestring import SafeString, mark_safe


def qr_svg(data: str, *, title: str = "", scale: int = 4) -> SafeString:
    """An SVG element encoding data. Error correction M survives a scuffed or laminated
    badge; segno escapes the title itself."""
    code = segno.make(data, error="m", micro=False)
    return mark_safe(code.svg_inline(scale=scale, border=2, svgclass="qr", title=title or None,  # noqa: S308
                                     dark="#000", light="#fff"))


def printed_url(request, path: str) -> str:
    """The absolute address a printed QR code carries: PUBLIC_BASE_URL when set, so every
    badge points at the public site whichever host it was printed from."""
    if settings.PUBLIC_BASE_URL:
        return settings.PUBLIC_BASE_URL + path
    return request.build_absolute_uri(path)
