"""Product image renditions (WebP) with Pillow, for Oscar's `oscar_thumbnail` tag.

A rendition is a file under MEDIA_ROOT/cache/ named after the source and the options, so
a listing page costs a file-existence check per image and no database query (Oscar's sorl
backend keeps a key-value table that costs queries per card).
"""

import hashlib
import os
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage
from oscar.core.thumbnails import AbstractThumbnailer
from PIL import Image, ImageOps

CACHE_DIR = "cache"


class Rendition:
    def __init__(self, name):
        self.name = name

    @property
    def url(self):
        return default_storage.url(self.name)


MISSING_IMAGE_STATIC = "oscar/img/image_not_found.jpg"


def _source_name(source):
    # A plain str: template values arrive as SafeString, which pathlib refuses to join.
    return "".join(str(getattr(source, "name", None) or source))


def _source_path(source_name):
    """The file to render: the upload, or Oscar's "no image" picture when there is none."""
    path = Path(settings.MEDIA_ROOT) / source_name
    if path.is_file():
        return path
    missing = finders.find(MISSING_IMAGE_STATIC)
    return Path(missing) if missing else None


def _parse_size(size):
    width, _, height = str(size).partition("x")
    return (int(width) if width else None, int(height) if height else None)


def rendition_name(source_name, size, crop=None, upscale=True, quality=85):
    key = f"{source_name}|{size}|{crop}|{upscale}|{quality}".encode()
    digest = hashlib.sha1(key).hexdigest()
    return f"{CACHE_DIR}/{digest[:2]}/{digest}.webp"


def render(source_path, target_path, size, crop=None, upscale=True, quality=85):
    width, height = _parse_size(size)
    with Image.open(source_path) as image:
        image = ImageOps.exif_transpose(image).convert("RGB")
        if crop and width and height:
            image = ImageOps.fit(image, (width, height), Image.Resampling.LANCZOS)
        else:
            ratio_w = width / image.width if width else None
            ratio_h = height / image.height if height else None
            ratio = min(r for r in (ratio_w, ratio_h) if r is not None)
            if ratio < 1 or upscale:
                new = (max(1, round(image.width * ratio)), max(1, round(image.height * ratio)))
                image = image.resize(new, Image.Resampling.LANCZOS)
        target_path.parent.mkdir(parents=True, exist_ok=True)
        tmp = target_path.with_suffix(f".{os.getpid()}.tmp")
        image.save(tmp, "WEBP", quality=quality, method=4)
        os.replace(tmp, target_path)  # atomic: a concurrent request never sees half a file


class PillowThumbnailer(AbstractThumbnailer):
    def generate_thumbnail(self, source, **opts):
        source_name = _source_name(source)
        size = opts.get("size", "")
        crop = opts.get("crop")
        upscale = opts.get("upscale", True)
        quality = int(opts.get("quality", 85))
        name = rendition_name(source_name, size, crop, upscale, quality)
        target = Path(settings.MEDIA_ROOT) / name
        if not target.exists():
            source_path = _source_path(source_name)
            if source_path is None:
                return Rendition(source_name)
            render(source_path, target, size, crop, upscale, quality)
        return Rendition(name)

    def delete_thumbnails(self, source):
        # Renditions are keyed by the source name; a new upload gets a new name, so an old
        # rendition is only unused disk space (media/cache/ can be emptied at any time).
        return None
