"""Photos from producers' phones: judged by content, bombs and oversize files refused,
truncated files refused, upright, stripped of every metadata block (GPS above all), WebP."""

import io
import warnings

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from PIL import Image

from sellers.exceptions import PhotoRefused
from sellers.photos import MAX_STORED_SIDE, clean_photo
from tests.factories import jpeg_bytes, make_product

GPS_IFD, ORIENTATION = 0x8825, 0x0112


def image_bytes(fmt, size=(300, 200), mode="RGB", colour=(10, 120, 60), **save):
    buffer = io.BytesIO()
    Image.new(mode, size, colour).save(buffer, fmt, **save)
    return buffer.getvalue()


def phone_jpeg():
    """A phone photo: landscape pixels with 'rotate 90°' and a GPS position in its EXIF."""
    exif = Image.Exif()
    exif[ORIENTATION] = 6
    exif[0x010F] = "PhoneMaker"
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (32.0, 39.0, 0.0), 3: "E", 4: (51.0, 40.0, 0.0)})
    return image_bytes("JPEG", size=(400, 300), exif=exif.tobytes())


def upload(data, name="photo.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type)


def refusal(data, name="photo.jpg"):
    with pytest.raises(PhotoRefused) as caught, translation.override("fa"):
        clean_photo(upload(data, name))
    return str(caught.value.message)


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_jpeg_png_and_webp_are_kept_as_webp(fmt):
    cleaned = clean_photo(upload(image_bytes(fmt)))
    assert cleaned.name.endswith(".webp")
    with Image.open(io.BytesIO(cleaned.read())) as image:
        assert image.format == "WEBP" and image.size == (300, 200)


def test_a_png_named_jpg_is_judged_by_its_content():
    cleaned = clean_photo(upload(image_bytes("PNG"), "camera.jpg"))
    assert Image.open(io.BytesIO(cleaned.read())).format == "WEBP"


def test_an_html_file_named_png_is_refused():
    assert "عکس نیست" in refusal(b"<html><script>alert(1)</script></html>", "cute.png")


def test_a_gif_or_bmp_is_refused_even_though_pillow_reads_it():
    assert "عکس نیست" in refusal(image_bytes("GIF"), "a.gif")
    assert "عکس نیست" in refusal(image_bytes("BMP"), "a.jpg")


def test_a_20000_pixel_square_is_refused_from_its_header():
    bomb = image_bytes("PNG", size=(20000, 20000), mode="1", colour=0)  # 48 KB on disk
    assert len(bomb) < 100_000
    assert "ابعاد" in refusal(bomb, "big.png")


def test_48_million_pixels_are_refused_by_our_limit_below_pillows():
    assert "ابعاد" in refusal(image_bytes("PNG", size=(8000, 6000), mode="1", colour=0))


def test_pillows_bomb_warning_raised_as_an_error_is_refused_all_the_same():
    bomb = image_bytes("PNG", size=(10000, 10000), mode="1", colour=0)
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        assert "ابعاد" in refusal(bomb)


def test_a_truncated_jpeg_is_refused():
    data = jpeg_bytes((800, 600))
    assert "ناقص" in refusal(data[: len(data) // 2])


def test_a_webp_cut_short_or_a_png_with_a_damaged_header_is_called_damaged_not_foreign():
    webp = image_bytes("WEBP", size=(400, 400))
    png = image_bytes("PNG")
    assert "ناقص" in refusal(webp[: len(webp) // 2], "a.webp")
    assert "ناقص" in refusal(png[:16] + b"\0" * 200, "a.png")


def test_a_20_mb_file_is_refused_before_it_is_read():
    class Huge(SimpleUploadedFile):
        def read(self, *args):
            raise AssertionError("a refused file must not be read")

    huge = Huge("huge.jpg", b"", "image/jpeg")
    huge.size = 20 * 1024 * 1024
    with pytest.raises(PhotoRefused) as caught, translation.override("fa"):
        clean_photo(huge)
    assert "۱۵ مگابایت" in str(caught.value.message)


def test_a_file_whose_declared_size_lies_is_read_only_up_to_the_limit():
    liar = upload(b"\0" * (16 * 1024 * 1024))
    liar.size = 1000
    with pytest.raises(PhotoRefused) as caught, translation.override("fa"):
        clean_photo(liar)
    assert "۱۵ مگابایت" in str(caught.value.message)


@pytest.mark.parametrize("fmt", ["PNG", "WEBP", "MPO"])  # MPO: a phone's multi-picture JPEG
def test_an_animation_or_multi_picture_file_keeps_its_first_picture(fmt):
    red, blue = (Image.new("RGB", (60, 40), colour) for colour in ((220, 0, 0), (0, 0, 220)))
    buffer = io.BytesIO()
    red.save(buffer, fmt, save_all=True, append_images=[blue], duration=100)
    cleaned = clean_photo(upload(buffer.getvalue()))
    with Image.open(io.BytesIO(cleaned.read())) as image:
        assert getattr(image, "n_frames", 1) == 1 and image.size == (60, 40)
        assert image.getpixel((30, 20))[0] > 180


def test_a_phone_photo_is_turned_upright_and_loses_its_gps_and_all_metadata():
    cleaned = clean_photo(upload(phone_jpeg()))
    with Image.open(io.BytesIO(cleaned.read())) as image:
        assert image.size == (300, 400)  # turned by the orientation tag
        assert not image.getexif()
        assert not {"exif", "xmp", "icc_profile", "comment"} & set(image.info)
    assert b"PhoneMaker" not in cleaned.read()


@pytest.mark.parametrize("fmt", ["PNG", "WEBP"])
def test_a_photo_with_unreadable_exif_is_kept_as_taken(fmt):
    cleaned = clean_photo(upload(image_bytes(fmt, exif=b"not a TIFF header")))
    with Image.open(io.BytesIO(cleaned.read())) as image:
        assert image.size == (300, 200) and not image.getexif()


def test_a_16_bit_greyscale_png_keeps_its_tones():
    cleaned = clean_photo(upload(image_bytes("PNG", mode="I;16", colour=30000), "scan.png"))
    with Image.open(io.BytesIO(cleaned.read())) as image:
        assert image.mode == "RGB" and abs(image.getpixel((0, 0))[0] - 30000 // 256) <= 2


def test_a_large_photo_is_kept_at_2000_pixels_a_side():
    cleaned = clean_photo(upload(image_bytes("JPEG", size=(4000, 3000))))
    with Image.open(io.BytesIO(cleaned.read())) as image:
        assert image.size == (MAX_STORED_SIDE, 1500)


def test_a_big_sideways_photo_decoded_at_half_scale_comes_out_upright_at_2000_pixels():
    picture = Image.new("RGB", (6000, 4200), (220, 0, 0))
    picture.paste((0, 0, 220), (3000, 0, 6000, 4200))  # left half red, right half blue
    exif = Image.Exif()
    exif[ORIENTATION] = 6  # shown turned a quarter clockwise: red on top
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", exif=exif.tobytes())
    cleaned = clean_photo(upload(buffer.getvalue()))
    with Image.open(io.BytesIO(cleaned.read())) as image:
        assert image.size == (1400, MAX_STORED_SIDE)
        red, _, blue = image.getpixel((700, 500))
        assert red > 180 and blue < 40
        red, _, blue = image.getpixel((700, 1500))
        assert red < 40 and blue > 180


def test_transparency_is_kept():
    cleaned = clean_photo(upload(image_bytes("PNG", mode="RGBA", colour=(0, 0, 0, 0)), "a.png"))
    with Image.open(io.BytesIO(cleaned.read())) as image:
        assert image.mode == "RGBA" and image.getpixel((0, 0))[3] == 0


@pytest.mark.django_db
def test_nothing_is_stored_for_refused_uploads(producer_client, settings):
    from pathlib import Path

    client, producer = producer_client
    product = make_product(producer=producer, with_image=False)
    media = Path(settings.MEDIA_ROOT)
    before = {p for p in media.rglob("*") if p.is_file()} if media.exists() else set()
    nasty = [
        upload(b"<html></html>", "x.png", "image/png"),
        upload(image_bytes("PNG", size=(20000, 20000), mode="1", colour=0), "bomb.png"),
        upload(jpeg_bytes()[:500], "cut.jpg"),
    ]
    response = client.post(reverse("seller:photos", args=[product.pk]), {"photos": nasty})
    assert response.status_code == 302
    assert not product.images.exists()
    after = {p for p in media.rglob("*") if p.is_file()} if media.exists() else set()
    assert after == before

    client.post(reverse("seller:photos", args=[product.pk]), {"photos": [upload(phone_jpeg())]})
    stored = product.images.get()
    with Image.open(stored.original.path) as image:
        assert not image.getexif() and image.format == "WEBP"
