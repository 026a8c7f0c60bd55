"""Draw the site's icon: an eight-pointed star (the shamseh of khatam and tile work) in the
brand's brown on cream, with a cream heart. Writes favicon.ico (16, 32 and 48 px) and the
180 px apple-touch-icon.png beside the hand-written
shop/static/dastsaz/favicon.svg, which draws the same shapes.

    .venv/bin/python scripts/draw_favicon.py
"""

import math
from pathlib import Path

from PIL import Image, ImageDraw

STATIC = Path(__file__).resolve().parent.parent / "shop" / "static" / "dastsaz"
BROWN = (122, 62, 29)  # #7a3e1d, the brand name's colour (dastsaz.css)
CREAM = (243, 224, 199)  # #f3e0c7, the hero's
GREEN = (31, 122, 58)  # #1f7a3a, the prices'
SIZE = 32


def square(centre, radius, turn):
    return [
        (
            centre + radius * math.cos(math.radians(turn + 90 * i)),
            centre + radius * math.sin(math.radians(turn + 90 * i)),
        )
        for i in range(4)
    ]


def draw(size):
    """The icon at `size` pixels, drawn 8 times larger and scaled down for smooth edges."""
    big = size * 8
    scale = big / SIZE
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    pen.rounded_rectangle((0, 0, big - 1, big - 1), radius=6 * scale, fill=CREAM)
    centre = big / 2
    for turn in (0, 45):
        pen.polygon(square(centre, 13 * scale, turn), fill=BROWN)
    pen.ellipse(
        (centre - 6 * scale, centre - 6 * scale, centre + 6 * scale, centre + 6 * scale),
        fill=CREAM,
    )
    pen.ellipse(
        (centre - 3 * scale, centre - 3 * scale, centre + 3 * scale, centre + 3 * scale),
        fill=GREEN,
    )
    return image.resize((size, size), Image.Resampling.LANCZOS)


def main():
    draw(180).save(STATIC / "apple-touch-icon.png")
    draw(48).save(STATIC / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)])


if __name__ == "__main__":
    main()
