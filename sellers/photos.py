"""Producers' photos: taken at home on a phone, so every one is checked and cleaned.

`clean_photo(upload)` accepts JPEG, PNG and WebP judged by their content (never by the name
or the browser's content type), refuses files over 15 MB and images over 40 million pixels
(a decompression bomb is refused from its header, before decoding), refuses truncated or
corrupt files, turns the picture upright from its EXIF orientation, and re-encodes it as
WebP of at most 2000 pixels a side with no metadata at all: no EXIF (GPS above all), XMP,
ICC or comments. It writes nothing; the caller stores what it returns, so nothing is stored
for a refused file.
"""

import io
import uuid

from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

from .exceptions import PhotoRefused

MAX_PHOTO_BYTES = 15 * 1024 * 1024
MAX_PHOTO_PIXELS = 40_000_000
MAX_STORED_SIDE = 2000
FORMATS = ("JPEG", "PNG", "WEBP")
SIGNATURES = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n")  # JPEG, PNG; WebP is RIFF....WEBP
WEBP_QUALITY = 82

NOT_A_PHOTO = _("This file is not a photo. Please send a JPEG, PNG or WebP photo.")
TOO_LARGE = _("This photo is larger than 15 MB. Send a smaller one.")
TOO_MANY_PIXELS = _("This picture is far too large in width and height. Send an ordinary photo.")
BROKEN = _("This photo is incomplete or damaged. Please send it again.")


def clean_photo(upload):
    data = _read(upload)
    # One full-size picture at a time: turned in place, converted only when it must be, and
    # copied only once downscaled (a copy at each step cost 600 MB for a 39 MP RGBA PNG).
    with _open(data) as image:
        _decode(image)
        _turn_upright(image)
        picture = _rgb(image)
        picture.thumbnail((MAX_STORED_SIDE, MAX_STORED_SIDE), Image.Resampling.LANCZOS)
        picture = _without_metadata(picture)
    out = io.BytesIO()
    picture.save(out, "WEBP", quality=WEBP_QUALITY, method=4)
    return ContentFile(out.getvalue(), name=f"{uuid.uuid4().hex}.webp")


def _read(upload):
    """The upload's bytes, refused by its declared size before reading and by what is read."""
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_PHOTO_BYTES:
        raise PhotoRefused(TOO_LARGE)
    upload.seek(0)
    data = upload.read(MAX_PHOTO_BYTES + 1)
    if len(data) > MAX_PHOTO_BYTES:
        raise PhotoRefused(TOO_LARGE)
    return data


def _open(data):
    try:
        image = Image.open(io.BytesIO(data), formats=FORMATS)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        # Pillow's own limits (89 and 179 million pixels) are looser than ours; the warning
        # arrives as an exception only when warnings are errors, as in some test runs.
        raise PhotoRefused(TOO_MANY_PIXELS) from error
    except (UnidentifiedImageError, OSError, ValueError) as error:
        raise PhotoRefused(BROKEN if _starts_like_a_photo(data) else NOT_A_PHOTO) from error
    width, height = image.size
    if width * height > MAX_PHOTO_PIXELS:
        raise PhotoRefused(TOO_MANY_PIXELS)
    return image


def _starts_like_a_photo(data):
    """A JPEG, PNG or WebP signature: a damaged photo (send it again), not some other file."""
    return data.startswith(SIGNATURES) or (data[:4] == b"RIFF" and data[8:12] == b"WEBP")


def _decode(image):
    try:
        image.seek(0)  # an animation keeps its first frame
        # A JPEG decodes at 1/2, 1/4 or 1/8 scale while each side stays >= MAX_STORED_SIDE:
        # a 39 MP photo then takes a quarter of the memory. Other formats ignore this.
        image.draft(None, (MAX_STORED_SIDE, MAX_STORED_SIDE))
        image.load()
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
        raise PhotoRefused(BROKEN) from error


def _turn_upright(image):
    """Turned by its EXIF orientation; an unreadable EXIF block leaves the picture as taken
    (the block is dropped with the rest of the metadata anyway)."""
    try:
        ImageOps.exif_transpose(image, in_place=True)
    except (SyntaxError, ValueError, OSError):
        pass


def _rgb(image):
    """RGB, or RGBA when the picture has transparency; the image itself when it already is."""
    if image.mode.startswith("I"):  # 16-bit greyscale: scale to 8 bits, not clip to white
        image = image.convert("I").point(lambda value: value / 256, "L")
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (
        image.mode == "P" and "transparency" in image.info
    )
    mode = "RGBA" if has_alpha else "RGB"
    return image if image.mode == mode else image.convert(mode)


def _without_metadata(picture):
    """A fresh image with the same pixels and no info: nothing of EXIF, XMP, ICC or comments."""
    clean = Image.new(picture.mode, picture.size)
    clean.paste(picture)
    return clean
