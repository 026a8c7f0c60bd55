"""Product pictures drawn with Pillow, one small pool per craft (no downloads)."""

import math
import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

SIZE = 600
PALETTES = {
    "carpet": [(128, 22, 34), (23, 42, 92), (222, 184, 135), (245, 235, 215), (60, 90, 60)],
    "handicraft": [(90, 55, 30), (196, 148, 80), (240, 225, 200), (40, 80, 110), (170, 60, 40)],
    "food": [(250, 236, 210), (170, 70, 30), (210, 140, 40), (110, 60, 30), (230, 190, 90)],
    "plant": [(235, 245, 230), (46, 110, 60), (90, 160, 80), (150, 95, 60), (200, 220, 120)],
    "digital_service": [
        (20, 30, 50),
        (60, 140, 220),
        (120, 220, 180),
        (240, 240, 250),
        (250, 180, 60),
    ],
}


def _carpet(draw, rng, colours):
    field, border, accent, light, extra = colours
    draw.rectangle([0, 0, SIZE, SIZE], fill=border)
    draw.rectangle([40, 40, SIZE - 40, SIZE - 40], fill=field)
    for step in range(60, 120, 20):
        draw.rectangle([step, step, SIZE - step, SIZE - step], outline=light, width=4)
    centre = SIZE / 2
    for radius, colour in ((170, accent), (120, border), (70, light), (30, extra)):
        draw.polygon(
            [
                (centre, centre - radius),
                (centre + radius, centre),
                (centre, centre + radius),
                (centre - radius, centre),
            ],
            fill=colour,
        )
    for _ in range(40):
        x, y = rng.randrange(130, SIZE - 130), rng.randrange(130, SIZE - 130)
        draw.ellipse([x - 6, y - 6, x + 6, y + 6], fill=rng.choice(colours))


def _handicraft(draw, rng, colours):
    draw.rectangle([0, 0, SIZE, SIZE], fill=colours[2])
    points = rng.choice([6, 8, 12])
    for ring in range(6, 0, -1):
        radius = ring * 45
        star = []
        for i in range(points * 2):
            r = radius if i % 2 == 0 else radius * 0.55
            angle = math.pi * i / points
            star.append((SIZE / 2 + r * math.cos(angle), SIZE / 2 + r * math.sin(angle)))
        draw.polygon(star, fill=colours[ring % len(colours)], outline=colours[0])


def _food(draw, rng, colours):
    draw.rectangle([0, 0, SIZE, SIZE], fill=colours[0])
    draw.ellipse([60, 60, SIZE - 60, SIZE - 60], fill=(245, 245, 240), outline=colours[3], width=6)
    for _ in range(140):
        x, y = rng.randrange(110, SIZE - 110), rng.randrange(110, SIZE - 110)
        r = rng.randrange(10, 26)
        draw.ellipse([x - r, y - r * 0.7, x + r, y + r * 0.7], fill=rng.choice(colours[1:]))


def _plant(draw, rng, colours):
    draw.rectangle([0, 0, SIZE, SIZE], fill=colours[0])
    draw.polygon([(200, 420), (400, 420), (370, 560), (230, 560)], fill=colours[3])
    for _ in range(26):
        angle = rng.uniform(-2.6, -0.5)
        length = rng.randrange(120, 260)
        x2 = 300 + length * math.cos(angle)
        y2 = 420 + length * math.sin(angle)
        draw.line([(300, 420), (x2, y2)], fill=colours[1], width=5)
        draw.ellipse([x2 - 30, y2 - 14, x2 + 30, y2 + 14], fill=rng.choice(colours[1:3]))


def _digital(draw, rng, colours):
    draw.rectangle([0, 0, SIZE, SIZE], fill=colours[3])
    draw.rounded_rectangle([50, 80, SIZE - 50, SIZE - 120], radius=20, fill=colours[0])
    y = 120
    while y < SIZE - 160:
        x = 80 + rng.randrange(0, 4) * 30
        draw.rounded_rectangle(
            [x, y, x + rng.randrange(80, 360), y + 14], radius=6, fill=rng.choice(colours[1:])
        )
        y += 30
    draw.rectangle([250, SIZE - 120, 350, SIZE - 70], fill=colours[0])


DRAWERS = {
    "carpet": _carpet,
    "handicraft": _handicraft,
    "food": _food,
    "plant": _plant,
    "digital_service": _digital,
}


def draw_picture(product_class: str, seed: str) -> Image.Image:
    rng = random.Random(seed)
    colours = PALETTES[product_class][:]
    rng.shuffle(colours[1:])
    image = Image.new("RGB", (SIZE, SIZE))
    DRAWERS[product_class](ImageDraw.Draw(image), rng, colours)
    return image.filter(ImageFilter.SMOOTH)


def draw_product_image(path: Path, product_class: str, seed: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    draw_picture(product_class, seed).save(path, "JPEG", quality=82, optimize=True)
