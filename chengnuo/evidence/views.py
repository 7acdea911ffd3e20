"""Serving evidence files: always through this view, never straight from /media/."""

from pathlib import PurePath

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from .access import may_view
from .models import Evidence

# Photos and PDF open in the browser; Office documents are downloaded.
INLINE_TYPES = {"image/jpeg", "image/png", "image/webp", "application/pdf"}


@require_safe
def evidence_file(request, pk):
    """Stream one evidence file. Public evidence is answered before the session is ever
    read, so the response sets no cookie and carries no Vary: Cookie; shared caches may
    keep it. Anything else is for those may_view lets through, and 404 for the rest."""
    evidence = get_object_or_404(Evidence, pk=pk)
    if not may_view(request.user, evidence):  # public evidence: True before the user is read
        raise Http404
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    stem = PurePath(evidence.original_name).stem or "evidence"
    extension = PurePath(evidence.file.name).suffix
    response = FileResponse(
        handle, content_type=evidence.content_type,
        as_attachment=evidence.content_type not in INLINE_TYPES,
        filename=f"{stem}{extension}")
    response["X-Content-Type-Options"] = "nosniff"
    response["ETag"] = f'"{evidence.sha256}"'
    if evidence.public:
        response["Cache-Control"] = "public, max-age=86400"
    else:
        response["Cache-Control"] = "private, max-age=3600"
    return response
