"""Files only staff may open (licence scans, identity documents): kept outside MEDIA_ROOT, so
no web server or media view ever serves them; staff read them through a staff-only view."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage


def private_storage():
    return FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT, base_url=None)
