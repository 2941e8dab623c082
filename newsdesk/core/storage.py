"""
Where media files live, and how long others may keep them.

Renditions are stored under ``RENDITIONS_PREFIX`` at addresses made from what they hold
(``images.models.NewsRendition.get_upload_to``): a changed picture or crop gets a new
address, so every cache may keep a rendition for a year without asking again. Originals
and documents keep ordinary lifetimes: an editor may replace them under the same name.
"""

from django.views.static import serve

RENDITIONS_PREFIX = "renditions/"
IMMUTABLE = "public, max-age=31536000, immutable"


def cache_control_for(name):
    """The Cache-Control a media file should be served with, or None for the default."""
    return IMMUTABLE if name.startswith(RENDITIONS_PREFIX) else None


def serve_media(request, path, document_root):
    """Media from the local folder (one-machine installs), renditions with a year's lifetime."""
    response = serve(request, path, document_root=document_root)
    control = cache_control_for(path)
    if control and response.status_code == 200:
        response["Cache-Control"] = control
    return response
