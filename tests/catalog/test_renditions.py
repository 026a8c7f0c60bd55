from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image

from catalog.renditions import PillowThumbnailer
from tests.factories import jpeg_bytes


@pytest.fixture
def source():
    name = default_storage.save("tests/source.jpg", ContentFile(jpeg_bytes((800, 400))))
    yield name
    default_storage.delete(name)


def open_rendition(rendition):
    return Image.open(Path(settings.MEDIA_ROOT) / rendition.name)


def test_cropped_rendition_has_the_exact_size(source):
    rendition = PillowThumbnailer().generate_thumbnail(source, size="300x300", crop="center")
    with open_rendition(rendition) as image:
        assert image.size == (300, 300)
        assert image.format == "WEBP"
    assert rendition.url.startswith(settings.MEDIA_URL)


def test_fitted_rendition_keeps_the_aspect_ratio(source):
    rendition = PillowThumbnailer().generate_thumbnail(source, size="x155", upscale=False)
    with open_rendition(rendition) as image:
        assert image.size == (310, 155)


def test_no_upscaling_when_asked(source):
    rendition = PillowThumbnailer().generate_thumbnail(source, size="1600x1600", upscale=False)
    with open_rendition(rendition) as image:
        assert image.size == (800, 400)


def test_rendition_is_made_once_and_reused(source):
    thumbnailer = PillowThumbnailer()
    first = thumbnailer.generate_thumbnail(source, size="200x200", crop="center")
    path = Path(settings.MEDIA_ROOT) / first.name
    mtime = path.stat().st_mtime_ns
    second = thumbnailer.generate_thumbnail(source, size="200x200", crop="center")
    assert second.name == first.name
    assert path.stat().st_mtime_ns == mtime


def test_missing_source_renders_the_no_image_picture():
    rendition = PillowThumbnailer().generate_thumbnail("nowhere/missing.jpg", size="100x100")
    with open_rendition(rendition) as image:
        assert max(image.size) == 100
