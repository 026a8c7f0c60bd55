"""Product pictures drawn with Pillow (no downloads): one motif per craft, colours per product.

`draw_picture(craft_slug, seed, kind_index)` draws what the craft makes — a medallion carpet, a
kilim's stepped diamonds, a pair of giveh, a khatam box's star inlay, a necklace, dried figs on
a plate, a pot of cactus, a screen of code — in colours drawn from the craft's palette and
shifted by `seed`, so two products of one craft still look different.
"""

import math
import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

SIZE = 600
C = SIZE / 2

PALETTES = {
    "carpet": [(128, 22, 34), (23, 42, 92), (222, 184, 135), (245, 235, 215), (60, 90, 60)],
    "kilim": [(150, 40, 30), (230, 200, 150), (40, 50, 80), (200, 120, 40), (90, 110, 70)],
    "gabbeh": [(170, 40, 30), (200, 120, 40), (40, 70, 120), (120, 140, 60), (240, 225, 190)],
    "picture": [(120, 170, 210), (70, 110, 60), (150, 120, 80), (200, 60, 60), (240, 220, 150)],
    "giveh": [(245, 242, 232), (120, 85, 50), (220, 200, 170), (60, 60, 70), (190, 60, 50)],
    "towel": [(245, 242, 235), (170, 40, 40), (40, 90, 150), (230, 200, 120), (80, 130, 100)],
    "leather": [(150, 90, 40), (90, 50, 25), (40, 30, 25), (180, 120, 60), (110, 100, 50)],
    "felt": [(150, 120, 90), (200, 170, 130), (70, 60, 110), (170, 60, 40), (240, 230, 210)],
    "termeh": [(130, 20, 40), (210, 170, 70), (30, 40, 80), (20, 90, 80), (240, 220, 180)],
    "chit": [(245, 238, 220), (170, 40, 40), (40, 90, 60), (30, 50, 110), (220, 160, 40)],
    "yarn": [(180, 50, 40), (40, 60, 130), (200, 160, 60), (110, 70, 40), (240, 235, 220)],
    "jewellery": [(40, 30, 50), (64, 200, 190), (200, 200, 210), (180, 50, 40), (30, 90, 160)],
    "khatam": [(70, 40, 25), (235, 225, 200), (200, 160, 60), (30, 90, 80), (120, 70, 40)],
    "copper": [(184, 115, 51), (120, 70, 30), (230, 180, 120), (60, 40, 30), (240, 235, 225)],
    "wood": [(120, 75, 40), (80, 50, 25), (170, 120, 70), (60, 35, 20), (230, 220, 200)],
    "clay": [(190, 110, 70), (230, 220, 205), (90, 120, 140), (60, 50, 45), (220, 200, 170)],
    "box": [(240, 235, 225), (190, 50, 60), (210, 170, 90), (40, 90, 120), (150, 110, 60)],
    "mushroom": [(245, 240, 230), (230, 220, 200), (150, 110, 70), (120, 90, 60), (200, 180, 150)],
    "herbs": [(245, 240, 225), (90, 130, 60), (160, 120, 190), (220, 200, 80), (150, 110, 60)],
    "fruit": [(250, 240, 220), (240, 240, 235), (120, 90, 60), (200, 170, 120), (80, 60, 40)],
    "plant": [(235, 245, 230), (46, 110, 60), (90, 160, 80), (170, 95, 60), (220, 60, 80)],
    "screen": [(20, 30, 50), (60, 140, 220), (120, 220, 180), (236, 240, 248), (250, 180, 60)],
    "cloth": [(240, 232, 220), (30, 40, 90), (180, 30, 50), (220, 180, 60), (30, 120, 110)],
}


def _jitter(colour, rng, amount=28):
    return tuple(max(0, min(255, c + rng.randint(-amount, amount))) for c in colour)


def _rug_frame(d, rng, pal, box, fringe=True):
    x0, y0, x1, y1 = box
    if fringe:
        for x in range(int(x0) + 6, int(x1) - 4, 9):
            d.line([(x, y0 - 18), (x, y0)], fill=pal[3], width=2)
            d.line([(x, y1), (x, y1 + 18)], fill=pal[3], width=2)
    d.rectangle(box, fill=pal[1])


def _diamond(d, cx, cy, rx, ry, fill, outline=None):
    d.polygon(
        [(cx, cy - ry), (cx + rx, cy), (cx, cy + ry), (cx - rx, cy)], fill=fill, outline=outline
    )


def _carpet(d, rng, pal, kind):
    d.rectangle([0, 0, SIZE, SIZE], fill=(205, 190, 170))
    w, h = rng.randrange(190, 230), rng.randrange(245, 270)
    box = (C - w, C - h, C + w, C + h)
    _rug_frame(d, rng, pal, box)
    inset = rng.randrange(28, 40)
    field = (box[0] + inset, box[1] + inset, box[2] - inset, box[3] - inset)
    step = rng.choice((18, 22, 26))
    for x in range(int(box[0]) + 12, int(box[2]) - 8, step):
        for y in (box[1] + inset / 2, box[3] - inset / 2):
            _diamond(d, x, y, 7, 9, pal[2])
    for y in range(int(box[1]) + 12, int(box[3]) - 8, step):
        for x in (box[0] + inset / 2, box[2] - inset / 2):
            _diamond(d, x, y, 9, 7, pal[2])
    d.rectangle(field, fill=pal[0], outline=pal[3], width=3)
    corner = rng.randrange(60, 95)
    for cx, cy, start in (
        (field[0], field[1], 0),
        (field[2], field[1], 90),
        (field[2], field[3], 180),
        (field[0], field[3], 270),
    ):
        d.pieslice(
            [cx - corner, cy - corner, cx + corner, cy + corner], start, start + 90, fill=pal[1]
        )
    for _ in range(rng.randrange(30, 60)):
        x, y = rng.uniform(field[0] + 15, field[2] - 15), rng.uniform(field[1] + 15, field[3] - 15)
        d.ellipse([x - 4, y - 4, x + 4, y + 4], fill=rng.choice(pal[2:]))
    rx, ry = rng.randrange(85, 125), rng.randrange(120, 170)
    d.polygon([(C, C - ry - 40), (C + 16, C - ry), (C - 16, C - ry)], fill=pal[2])
    d.polygon([(C, C + ry + 40), (C + 16, C + ry), (C - 16, C + ry)], fill=pal[2])
    for scale, colour in ((1, pal[2]), (0.75, pal[1]), (0.5, pal[3]), (0.25, pal[4])):
        _diamond(d, C, C, rx * scale, ry * scale, colour)
    d.ellipse([C - 18, C - 18, C + 18, C + 18], fill=pal[0])


def _kilim(d, rng, pal, kind):
    d.rectangle([0, 0, SIZE, SIZE], fill=(215, 205, 190))
    box = (C - rng.randrange(200, 235), C - 255, C + rng.randrange(200, 235), C + 255)
    _rug_frame(d, rng, pal, box)
    y, band = box[1], 0
    while y < box[3]:
        height = rng.choice((30, 46, 62))
        colour = pal[band % len(pal)]
        d.rectangle([box[0], y, box[2], min(y + height, box[3])], fill=colour)
        motif = pal[(band + 2) % len(pal)]
        cy = y + height / 2
        for x in range(int(box[0]) + 24, int(box[2]) - 10, 48):
            if height > 40:
                _diamond(d, x, cy, 18, height / 2 - 5, motif)
                _diamond(d, x, cy, 7, height / 4, colour)
            else:
                d.polygon([(x - 16, y + height), (x, y + 4), (x + 16, y + height)], fill=motif)
        y += height
        band += 1


def _kilim_cushion(d, rng, pal, kind):
    d.rectangle([0, 0, SIZE, SIZE], fill=(225, 215, 200))
    d.rounded_rectangle([100, 100, 500, 500], radius=40, fill=pal[0])
    for i, (rx, ry) in enumerate(((150, 150), (105, 105), (60, 60), (22, 22))):
        _diamond(d, C, C, rx, ry, pal[(i + 1) % 5])
    for x in (140, 460):
        for y in (140, 460):
            _diamond(d, x, y, 24, 24, pal[2])
    for x, y in ((100, 100), (500, 100), (100, 500), (500, 500)):
        for _k in range(7):
            d.line(
                [(x, y), (x + rng.randint(-30, 30), y + rng.randint(-30, 30))], fill=pal[3], width=3
            )


def _gabbeh(d, rng, pal, kind):
    d.rectangle([0, 0, SIZE, SIZE], fill=(210, 200, 185))
    box = (C - 220, C - 250, C + 220, C + 250)
    _rug_frame(d, rng, pal, box)
    d.rectangle([box[0] + 22, box[1] + 22, box[2] - 22, box[3] - 22], fill=pal[0])
    for _ in range(rng.randrange(6, 12)):
        x, y = rng.uniform(box[0] + 60, box[2] - 60), rng.uniform(box[1] + 60, box[3] - 60)
        colour = rng.choice(pal[1:])
        if rng.random() < 0.5:  # a little goat
            d.rectangle([x - 22, y - 10, x + 22, y + 10], fill=colour)
            d.rectangle([x + 18, y - 22, x + 30, y - 6], fill=colour)
            for lx in (x - 18, x - 6, x + 8, x + 18):
                d.line([(lx, y + 10), (lx, y + 26)], fill=colour, width=4)
        else:  # a tree of life
            for k in range(3):
                d.polygon(
                    [
                        (x, y - 40 + k * 18),
                        (x - 22 + k * 2, y - 10 + k * 18),
                        (x + 22 - k * 2, y - 10 + k * 18),
                    ],
                    fill=colour,
                )
            d.rectangle([x - 3, y + 26, x + 3, y + 44], fill=colour)


def _pictorial(d, rng, pal, kind):
    d.rectangle([0, 0, SIZE, SIZE], fill=(235, 230, 220))
    frame = rng.choice(((150, 100, 40), (200, 160, 60), (70, 40, 25)))
    d.rectangle([70, 40, 530, 560], fill=frame)
    x0, y0, x1, y1 = 100, 70, 500, 530
    for i in range(20):
        t = i / 19
        sky = tuple(int(a + (b - a) * t) for a, b in zip(pal[0], pal[4], strict=True))
        d.rectangle([x0, y0 + i * 12, x1, y0 + i * 12 + 12], fill=sky)
    peaks = (
        [(x0, 330)] + [(x, rng.randrange(220, 320)) for x in range(x0 + 60, x1, 80)] + [(x1, 330)]
    )
    d.polygon([*peaks, (x1, y1), (x0, y1)], fill=pal[1])
    d.rectangle([x0, 380, x1, y1], fill=_jitter(pal[1], rng, 20))
    for _ in range(rng.randrange(3, 6)):
        tx = rng.randrange(x0 + 30, x1 - 30)
        d.rectangle([tx - 5, 360, tx + 5, 430], fill=pal[2])
        d.ellipse([tx - 40, 300, tx + 40, 380], fill=_jitter(pal[1], rng, 40))
    for _ in range(40):
        fx, fy = rng.randrange(x0 + 10, x1 - 10), rng.randrange(440, y1 - 10)
        d.ellipse([fx - 5, fy - 5, fx + 5, fy + 5], fill=rng.choice((pal[3], pal[4])))
    for y in range(y0, y1, 6):  # the knots' rows
        d.line([(x0, y), (x1, y)], fill=_jitter(pal[2], rng, 5), width=1)


def _giveh(d, rng, pal, kind):
    """A pair seen from the side: a layered cloth sole, a knitted white upper, a pointed toe."""
    d.rectangle([0, 0, SIZE, SIZE], fill=_jitter((225, 215, 200), rng, 15))
    for oy in (150, 330):
        x0, x1, base = 80, 520, oy + 110
        d.rounded_rectangle([x0, base, x1, base + 28], radius=12, fill=pal[1])
        for y in range(base + 6, base + 26, 6):
            d.line([(x0 + 10, y), (x1 - 10, y)], fill=pal[2], width=1)
        d.polygon(
            [
                (x0 + 10, base),
                (x0 + 30, oy - 10),
                (x0 + 190, oy - 20),
                (x1 - 40, oy + 40),
                (x1, base),
            ],
            fill=pal[0],
        )
        for x in range(x0 + 30, x1 - 20, 12):
            d.line([(x, oy + 10), (x + 8, base - 4)], fill=pal[2], width=2)
        d.ellipse([x0 + 40, oy - 20, x0 + 200, oy + 20], fill=pal[3])
        if rng.random() < 0.6:
            d.polygon(_star(x1 - 110, oy + 50, 14, 5, 0.45), fill=pal[4])


def _towel(d, rng, pal, kind):
    d.rectangle([0, 0, SIZE, SIZE], fill=(230, 235, 238))
    y = 430
    for _ in range(rng.randrange(3, 5)):
        base, stripe = rng.choice(pal[:1] + pal[3:]), rng.choice(pal[1:3])
        d.rounded_rectangle([110, y - 90, 490, y], radius=30, fill=base, outline=(200, 200, 200))
        for sx in range(150, 470, rng.choice((40, 60))):
            d.rectangle([sx, y - 88, sx + 12, y - 2], fill=stripe)
        y -= 95
    for x in range(120, 480, 8):
        d.line([(x, 430), (x, 450)], fill=pal[0], width=2)


def _leather(d, rng, pal, kind):
    d.rectangle([0, 0, SIZE, SIZE], fill=_jitter((232, 226, 215), rng, 10))
    leather = pal[rng.randrange(len(pal))]
    dark = tuple(int(c * 0.6) for c in leather)
    d.arc([170, 40, 430, 330], 180, 360, fill=dark, width=16)
    d.rounded_rectangle([110, 190, 490, 520], radius=36, fill=leather)
    d.rounded_rectangle([110, 190, 490, 340], radius=36, fill=dark)
    for x in range(128, 475, 14):
        d.line([(x, 510), (x + 7, 510)], fill=(240, 225, 190), width=2)
        d.line([(x, 200), (x + 7, 200)], fill=(240, 225, 190), width=2)
    d.rounded_rectangle([280, 320, 320, 370], radius=6, fill=(200, 170, 90))


def _felt(d, rng, pal, kind):
    d.rectangle([0, 0, SIZE, SIZE], fill=(220, 215, 205))
    base = pal[rng.randrange(2)]
    d.rounded_rectangle([60, 90, 540, 510], radius=60, fill=base)
    for _ in range(rng.randrange(4, 8)):
        x, y = rng.randrange(130, 470), rng.randrange(160, 440)
        colour = rng.choice(pal[2:])
        for r in range(46, 6, -10):  # a felted spiral
            d.arc(
                [x - r, y - r, x + r, y + r],
                rng.randrange(0, 90),
                rng.randrange(250, 340),
                fill=colour,
                width=7,
            )
    for _ in range(300):
        x, y = rng.randrange(70, 530), rng.randrange(100, 500)
        d.point((x, y), fill=_jitter(base, rng, 20))


def _boteh(d, x, y, s, colour, inner):
    d.ellipse([x - s, y - s * 0.2, x + s, y + s * 1.6], fill=colour)
    d.polygon(
        [(x - s * 0.9, y + s * 0.5), (x + s * 0.2, y - s * 1.6), (x + s * 0.9, y + s * 0.3)],
        fill=colour,
    )
    d.ellipse([x - s * 0.45, y + s * 0.4, x + s * 0.45, y + s * 1.3], fill=inner)


def _termeh(d, rng, pal, kind):
    d.rectangle([0, 0, SIZE, SIZE], fill=pal[0])
    step = rng.choice((90, 110, 130))
    s = step / 5
    for row, y in enumerate(range(20, SIZE, step)):
        for x in range(20 + (row % 2) * step // 2, SIZE, step):
            _boteh(d, x, y, s, pal[1], pal[2 + row % 3])
    d.rectangle([0, 0, SIZE, 26], fill=pal[2])
    d.rectangle([0, SIZE - 26, SIZE, SIZE], fill=pal[2])


def _chit(d, rng, pal, kind):
    d.rectangle([0, 0, SIZE, SIZE], fill=(200, 190, 175))
    d.rectangle([50, 50, 550, 550], fill=pal[0])
    d.rectangle([50, 50, 550, 550], outline=pal[1], width=24)
    step = rng.choice((70, 85, 100))
    for y in range(110, 500, step):
        for x in range(110, 500, step):
            for a in range(0, 360, 60):
                px, py = x + 16 * math.cos(math.radians(a)), y + 16 * math.sin(math.radians(a))
                d.ellipse([px - 11, py - 11, px + 11, py + 11], fill=pal[1])
            d.ellipse([x - 8, y - 8, x + 8, y + 8], fill=pal[4])
            d.ellipse(
                [x + step / 2 - 6, y + step / 2 - 6, x + step / 2 + 6, y + step / 2 + 6],
                fill=pal[2],
            )


def _yarn(d, rng, pal, kind):
    d.rectangle([0, 0, SIZE, SIZE], fill=(235, 228, 215))
    for cx, cy, r in ((200, 360, 130), (400, 380, 110), (300, 200, 100)):
        colour = rng.choice(pal[:4])
        d.ellipse([cx - r, cy - r, cx + r, cy + r], fill=colour)
        dark = tuple(int(c * 0.75) for c in colour)
        for _k in range(8):
            off = rng.uniform(-r * 0.7, r * 0.7)
            d.arc(
                [cx - r + abs(off) / 3, cy - r + off / 2, cx + r, cy + r - off / 3],
                200,
                340,
                fill=dark,
                width=3,
            )


def _jewellery(d, rng, pal, kind):
    d.rectangle([0, 0, SIZE, SIZE], fill=_jitter(pal[0], rng, 12))
    silver, stone = pal[2], rng.choice((pal[1], pal[3], pal[4]))
    if kind == 1:  # a ring
        d.ellipse([180, 230, 420, 470], outline=silver, width=26)
        d.ellipse([240, 140, 360, 260], fill=silver)
        d.ellipse([255, 155, 345, 245], fill=stone)
        return
    for i in range(40):
        a = math.pi * (0.1 + 0.8 * i / 39)
        x, y = C + 210 * math.cos(a), 80 + 260 * math.sin(a)
        d.ellipse([x - 7, y - 7, x + 7, y + 7], outline=silver, width=3)
    for k in range(rng.randrange(1, 4)):
        x = C + (k - 1) * 70 if k else C
        d.ellipse([x - 40, 340, x + 40, 440], fill=silver)
        d.ellipse([x - 30, 350, x + 30, 430], fill=stone)
        d.ellipse([x - 12, 365, x - 2, 380], fill=(255, 255, 255))


def _star(cx, cy, r, points=8, inner=0.5):
    return [
        (
            cx + (r if i % 2 == 0 else r * inner) * math.cos(math.pi * i / points),
            cy + (r if i % 2 == 0 else r * inner) * math.sin(math.pi * i / points),
        )
        for i in range(points * 2)
    ]


def _khatam(d, rng, pal, kind):
    d.rectangle([0, 0, SIZE, SIZE], fill=_jitter((230, 222, 205), rng, 10))
    d.polygon([(90, 220), (200, 130), (530, 130), (420, 220)], fill=pal[4])  # the lid's top
    d.rectangle([90, 220, 420, 500], fill=pal[0])
    d.polygon(
        [(420, 220), (530, 130), (530, 410), (420, 500)], fill=tuple(int(c * 0.7) for c in pal[0])
    )
    step = rng.choice((36, 44, 52))
    for y in range(240, 490, step):
        for x in range(110, 410, step):
            d.polygon(_star(x + step / 2, y + step / 2, step / 2 - 2, 6, 0.55), fill=pal[1])
            d.polygon(_star(x + step / 2, y + step / 2, step / 4, 6, 0.5), fill=pal[2])
            d.ellipse(
                [x + step / 2 - 3, y + step / 2 - 3, x + step / 2 + 3, y + step / 2 + 3],
                fill=pal[3],
            )
    for x in range(200, 530, 30):
        d.line([(x, 130), (x - 110, 220)], fill=pal[2], width=2)


def _engraving(d, rng, pal, kind):
    d.rectangle([0, 0, SIZE, SIZE], fill=_jitter((60, 50, 45), rng, 15))
    metal = rng.choice((pal[0], (200, 170, 90), (205, 205, 200)))
    for r in range(260, 0, -8):
        shade = 0.75 + 0.25 * math.cos(r / 40)
        d.ellipse([C - r, C - r, C + r, C + r], fill=tuple(int(c * shade) for c in metal))
    dark = tuple(int(c * 0.45) for c in metal)
    for ring in (230, 170, 110):
        d.ellipse([C - ring, C - ring, C + ring, C + ring], outline=dark, width=3)
        n = ring // 12
        for i in range(n):
            a = 2 * math.pi * i / n + rng.random() * 0.1
            x, y = C + (ring - 28) * math.cos(a), C + (ring - 28) * math.sin(a)
            d.arc([x - 14, y - 14, x + 14, y + 14], 0, 270, fill=dark, width=2)
    d.polygon(_star(C, C, 50, 8, 0.5), outline=dark, width=3)


def _woodwork(d, rng, pal, kind):
    d.rectangle([0, 0, SIZE, SIZE], fill=(235, 230, 220))
    d.rectangle([70, 70, 530, 530], fill=pal[0])
    for y in range(75, 530, 7):
        d.line([(72, y), (528, y + rng.randint(-3, 3))], fill=_jitter(pal[0], rng, 14), width=2)
    d.rectangle([70, 70, 530, 530], outline=pal[3], width=18)
    colours = pal[1:4] if kind == 1 else [pal[1]]
    for i in range(rng.randrange(5, 9)):
        a = 2 * math.pi * i / 7 + rng.random()
        x, y = C + 130 * math.cos(a), C + 130 * math.sin(a)
        d.ellipse(
            [x - 45, y - 28, x + 45, y + 28], fill=rng.choice(colours), outline=pal[3], width=3
        )
    d.ellipse([C - 70, C - 70, C + 70, C + 70], fill=pal[2], outline=pal[3], width=4)
    d.polygon(_star(C, C, 55, 5, 0.45), fill=pal[1])


def _sculpture(d, rng, pal, kind):
    d.rectangle([0, 0, SIZE, SIZE], fill=_jitter((225, 225, 230), rng, 10))
    body = (pal[0], (150, 100, 60), (230, 228, 220))[kind % 3]
    d.rectangle([180, 480, 420, 540], fill=(90, 85, 80))
    w = rng.randrange(70, 110)
    d.ellipse([C - w, 240, C + w, 490], fill=body)
    d.polygon([(C - 40, 270), (C + 40, 270), (C + 25, 170), (C - 25, 170)], fill=body)
    d.ellipse([C - 45, 90, C + 45, 180], fill=body)
    shadow = tuple(int(c * 0.7) for c in body)
    d.arc([C - w + 10, 250, C + w - 10, 480], 300, 60, fill=shadow, width=10)


def _packaging(d, rng, pal, kind):
    d.rectangle([0, 0, SIZE, SIZE], fill=pal[0])
    box = rng.choice(pal[1:])
    if kind == 1:  # a woven basket
        d.chord([110, 200, 490, 540], 0, 180, fill=(190, 150, 90))
        for y in range(380, 540, 16):
            d.line([(120, y), (480, y)], fill=(150, 110, 60), width=3)
        d.arc([170, 120, 430, 480], 180, 360, fill=(150, 110, 60), width=14)
        return
    d.rectangle([130, 230, 470, 500], fill=box)
    d.rectangle([110, 190, 490, 250], fill=tuple(int(c * 0.85) for c in box))
    ribbon = rng.choice([c for c in pal if c != box])
    d.rectangle([285, 190, 315, 500], fill=ribbon)
    d.ellipse([220, 140, 300, 200], outline=ribbon, width=12)
    d.ellipse([300, 140, 380, 200], outline=ribbon, width=12)


def _mushroom(d, rng, pal, kind):
    d.rectangle([0, 0, SIZE, SIZE], fill=_jitter((225, 222, 215), rng, 10))
    d.rounded_rectangle([40, 110, 560, 540], radius=30, fill=_jitter((160, 115, 70), rng, 15))
    cap = ((240, 236, 228), (200, 190, 170), (150, 110, 70), (120, 80, 50))[kind % 4]
    for _ in range(rng.randrange(8, 14)):
        x, y, r = rng.randrange(140, 460), rng.randrange(180, 470), rng.randrange(34, 60)
        d.rectangle(
            [x - r * 0.3, y, x + r * 0.3, y + r * 0.9],
            fill=(245, 240, 230),
            outline=(200, 190, 175),
        )
        d.pieslice(
            [x - r, y - r * 0.8, x + r, y + r * 0.8],
            180,
            360,
            fill=_jitter(cap, rng, 12),
            outline=tuple(int(c * 0.8) for c in cap),
        )


def _herbs(d, rng, pal, kind):
    d.rectangle([0, 0, SIZE, SIZE], fill=_jitter(pal[0], rng, 10))
    flower = ((110, 90, 200), (245, 240, 220), (90, 130, 60), (210, 80, 120), (170, 30, 50))[
        kind % 5
    ]
    for _ in range(28):  # a bundle of stems
        a = rng.uniform(-0.5, 0.5) - math.pi / 2
        x2, y2 = C + 260 * math.cos(a), 470 + 330 * math.sin(a)
        d.line([(C, 470), (x2, y2)], fill=pal[1], width=4)
        for t in (0.5, 0.7, 0.9):
            lx, ly = C + (x2 - C) * t, 470 + (y2 - 470) * t
            d.ellipse([lx - 10, ly - 5, lx + 10, ly + 5], fill=pal[1])
        d.ellipse([x2 - 10, y2 - 10, x2 + 10, y2 + 10], fill=_jitter(flower, rng, 20))
    d.rectangle([C - 40, 440, C + 40, 470], fill=(180, 140, 80))
    for _ in range(20):
        d.line([(C, 470), (C + rng.randint(-40, 40), 560)], fill=pal[1], width=4)


FRUIT = (  # per dried-fruit kind: the pieces' colour and shape
    ((120, 70, 70), "fig"),
    ((235, 140, 40), "disc"),
    ((230, 215, 180), "cluster"),
    ((245, 230, 195), "ring"),
    ((170, 170, 70), "oval"),
    ((60, 30, 35), "oval"),
)


def _dried_fruit(d, rng, pal, kind):
    d.rectangle([0, 0, SIZE, SIZE], fill=_jitter((150, 105, 70), rng, 18))
    d.ellipse([40, 40, 560, 560], fill=(245, 245, 240), outline=(200, 195, 185), width=8)
    colour, shape = FRUIT[kind % len(FRUIT)]
    for _ in range(rng.randrange(40, 70) if shape != "cluster" else 60):
        x, y = rng.randrange(120, 480), rng.randrange(120, 480)
        if (x - C) ** 2 + (y - C) ** 2 > 200**2:
            continue
        c = _jitter(colour, rng, 22)
        if shape == "fig":
            d.ellipse([x - 26, y - 20, x + 26, y + 24], fill=c)
            d.polygon([(x - 8, y - 16), (x, y - 34), (x + 8, y - 16)], fill=c)
        elif shape == "disc":
            d.ellipse(
                [x - 30, y - 24, x + 30, y + 24], fill=c, outline=tuple(int(v * 0.8) for v in c)
            )
        elif shape == "cluster":
            for k in range(6):
                d.ellipse([x - 8 + k * 3, y - 14 + k * 5, x + 6 + k * 3, y - 2 + k * 5], fill=c)
        elif shape == "ring":
            d.ellipse([x - 32, y - 32, x + 32, y + 32], fill=c, outline=(170, 40, 40), width=4)
            d.ellipse([x - 6, y - 6, x + 6, y + 6], fill=(200, 180, 140))
        else:
            d.ellipse([x - 12, y - 8, x + 12, y + 8], fill=c)


def _plant(d, rng, pal, kind):
    d.rectangle([0, 0, SIZE, SIZE], fill=_jitter(pal[0], rng, 10))
    pot = _jitter(pal[3], rng, 30)
    d.polygon([(190, 400), (410, 400), (380, 560), (220, 560)], fill=pot)
    d.rectangle([180, 385, 420, 410], fill=tuple(int(c * 0.85) for c in pot))
    green, light = pal[1], pal[2]
    if kind == 0:  # succulent rosette
        for r, colour in ((150, green), (110, light), (70, green), (35, light)):
            for i in range(10):
                a = 2 * math.pi * i / 10 + r
                x, y = C + r * 0.8 * math.cos(a), 320 + r * 0.45 * math.sin(a)
                d.ellipse([x - 34, y - 20, x + 34, y + 20], fill=colour)
    elif kind == 1:  # geranium
        for _ in range(14):
            x, y = rng.randrange(170, 430), rng.randrange(220, 380)
            d.ellipse([x - 35, y - 28, x + 35, y + 28], fill=rng.choice((green, light)))
        for _ in range(rng.randrange(4, 8)):
            x, y = rng.randrange(180, 420), rng.randrange(120, 260)
            for _k in range(9):
                dx, dy = rng.randint(-22, 22), rng.randint(-22, 22)
                d.ellipse(
                    [x + dx - 9, y + dy - 9, x + dx + 9, y + dy + 9], fill=_jitter(pal[4], rng, 25)
                )
    elif kind == 2:  # cactus
        d.rounded_rectangle([C - 40, 110, C + 40, 395], radius=40, fill=green)
        d.rounded_rectangle([C - 110, 200, C - 60, 320], radius=25, fill=green)
        d.rectangle([C - 70, 290, C - 38, 310], fill=green)
        d.rounded_rectangle([C + 60, 170, C + 105, 300], radius=22, fill=green)
        d.rectangle([C + 38, 270, C + 70, 290], fill=green)
        for y in range(130, 390, 22):
            d.line([(C - 20, y), (C - 26, y - 6)], fill=(240, 240, 220), width=2)
    elif kind == 3:  # bonsai
        d.line([(C, 395), (C - 30, 300), (C + 20, 230)], fill=(100, 70, 40), width=22)
        for x, y in ((C - 90, 250), (C + 70, 200), (C - 10, 170)):
            d.ellipse([x - 80, y - 40, x + 80, y + 40], fill=rng.choice((green, light)))
    else:  # sansevieria
        for i in range(9):
            x = 220 + i * 20
            top = rng.randrange(80, 200)
            d.polygon(
                [(x - 10, 395), (x + 12, 395), (x + rng.randint(-20, 20), top)],
                fill=rng.choice((green, light)),
            )


def _screen(d, rng, pal, kind, craft="programming"):
    d.rectangle([0, 0, SIZE, SIZE], fill=pal[3])
    d.rounded_rectangle([50, 70, SIZE - 50, SIZE - 130], radius=18, fill=(40, 40, 45))
    x0, y0, x1, y1 = 66, 86, SIZE - 66, SIZE - 146
    d.polygon(
        [(20, SIZE - 130), (SIZE - 20, SIZE - 130), (SIZE - 60, SIZE - 90), (60, SIZE - 90)],
        fill=(120, 120, 130),
    )
    accent = rng.choice(pal[1:3] + pal[4:])
    if craft == "programming":
        d.rectangle([x0, y0, x1, y1], fill=pal[0])
        y = y0 + 16
        while y < y1 - 16:
            indent = rng.randrange(0, 4) * 26
            x = x0 + 20 + indent
            for _ in range(rng.randrange(1, 4)):
                w = rng.randrange(30, 120)
                d.rounded_rectangle(
                    [x, y, x + w, y + 10], radius=4, fill=rng.choice(pal[1:3] + pal[4:])
                )
                x += w + 12
            y += 22
    elif craft == "e-business":
        d.rectangle([x0, y0, x1, y1], fill=(250, 250, 252))
        d.rectangle([x0, y0, x1, y0 + 40], fill=accent)
        for row in range(2):
            for col in range(3):
                cx0 = x0 + 20 + col * 150
                cy0 = y0 + 60 + row * 150
                d.rounded_rectangle(
                    [cx0, cy0, cx0 + 130, cy0 + 130], radius=10, fill=(235, 238, 244)
                )
                d.rectangle(
                    [cx0 + 15, cy0 + 12, cx0 + 115, cy0 + 80], fill=_jitter(accent, rng, 60)
                )
                d.rectangle([cx0 + 15, cy0 + 95, cx0 + 90, cy0 + 105], fill=(120, 120, 130))
    elif craft == "animation":
        d.rectangle([x0, y0, x1, y1], fill=_jitter((30, 30, 60), rng, 20))
        for _ in range(5):
            x, y, r = (
                rng.randrange(x0 + 50, x1 - 50),
                rng.randrange(y0 + 40, y1 - 90),
                rng.randrange(20, 50),
            )
            d.ellipse([x - r, y - r, x + r, y + r], fill=rng.choice(pal[1:3] + pal[4:]))
        d.polygon([(C - 30, C - 110), (C - 30, C - 30), (C + 40, C - 70)], fill=(250, 250, 250))
        d.rectangle([x0 + 20, y1 - 40, x1 - 20, y1 - 30], fill=(90, 90, 110))
        d.rectangle([x0 + 20, y1 - 40, x0 + 20 + rng.randrange(60, 400), y1 - 30], fill=accent)
    else:  # website support: a browser with a gear
        d.rectangle([x0, y0, x1, y1], fill=(250, 250, 252))
        d.rectangle([x0, y0, x1, y0 + 30], fill=(220, 222, 228))
        for k, colour in enumerate(((230, 80, 70), (240, 190, 60), (90, 190, 90))):
            d.ellipse([x0 + 12 + k * 22, y0 + 9, x0 + 26 + k * 22, y0 + 23], fill=colour)
        for y in range(y0 + 60, y1 - 20, 30):
            d.rounded_rectangle(
                [x0 + 24, y, x0 + 24 + rng.randrange(120, 250), y + 12],
                radius=5,
                fill=(200, 205, 215),
            )
        gx, gy = x1 - 110, y0 + 170
        d.polygon(_star(gx, gy, 70, 8, 0.75), fill=accent)
        d.ellipse([gx - 25, gy - 25, gx + 25, gy + 25], fill=(250, 250, 252))


def _clothing(d, rng, pal, kind):
    d.rectangle([0, 0, SIZE, SIZE], fill=_jitter(pal[0], rng, 10))
    cloth = rng.choice(pal[1:])
    d.polygon(
        [
            (220, 90),
            (380, 90),
            (470, 170),
            (430, 230),
            (400, 200),
            (420, 540),
            (180, 540),
            (200, 200),
            (170, 230),
            (130, 170),
        ],
        fill=cloth,
    )
    d.ellipse([260, 70, 340, 130], fill=pal[0])
    thread = rng.choice([c for c in pal[1:] if c != cloth])
    for y in range(260, 530, 36):
        for x in range(220, 390, 36):
            d.polygon(_star(x, y, 11, 4, 0.4), fill=thread)
    d.rectangle([180, 510, 420, 540], fill=thread)


MOTIFS = {
    "clothing": ("cloth", _clothing),
    "carpet-weaving": ("carpet", _carpet),
    "rug-weaving": ("carpet", _carpet),
    "kilim": ("kilim", _kilim),
    "kilim-stitching": ("kilim", _kilim_cushion),
    "gabbeh": ("gabbeh", _gabbeh),
    "pictorial-carpet": ("picture", _pictorial),
    "giveh-knitting": ("giveh", _giveh),
    "giveh-stitching": ("giveh", _giveh),
    "towel-weaving": ("towel", _towel),
    "leather": ("leather", _leather),
    "felt": ("felt", _felt),
    "fabric-weaving": ("termeh", _termeh),
    "chit": ("chit", _chit),
    "spinning": ("yarn", _yarn),
    "jewellery": ("jewellery", _jewellery),
    "khatam": ("khatam", _khatam),
    "engraving": ("copper", _engraving),
    "wood-carving-inlay": ("wood", _woodwork),
    "sculpture": ("clay", _sculpture),
    "packaging": ("box", _packaging),
    "mushroom": ("mushroom", _mushroom),
    "medicinal-herbs": ("herbs", _herbs),
    "dried-fruit": ("fruit", _dried_fruit),
    "flowers-plants": ("plant", _plant),
}
for _service in ("website-support", "e-business", "programming", "animation"):
    MOTIFS[_service] = (
        "screen",
        lambda d, rng, pal, kind, craft=_service: _screen(d, rng, pal, kind, craft),
    )
# The CMS pictures are named by product class: one craft stands for each.
BY_CLASS = {
    "carpet": "carpet-weaving",
    "handicraft": "khatam",
    "food": "dried-fruit",
    "plant": "flowers-plants",
    "digital_service": "e-business",
}


def draw_picture(craft: str, seed: str, kind_index: int = 0) -> Image.Image:
    """The picture of a product of `craft` (a craft slug, or a product class slug)."""
    rng = random.Random(seed)
    palette_name, drawer = MOTIFS[BY_CLASS.get(craft, craft)]
    colours = [_jitter(colour, rng) for colour in PALETTES[palette_name]]
    rest = colours[1:]
    rng.shuffle(rest)
    colours[1:] = rest
    image = Image.new("RGB", (SIZE, SIZE))
    drawer(ImageDraw.Draw(image), rng, colours, kind_index)
    return image.filter(ImageFilter.SMOOTH)


def draw_product_image(path: Path, craft: str, seed: str, kind_index: int = 0) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    draw_picture(craft, seed, kind_index).save(path, "JPEG", quality=82, optimize=True)
