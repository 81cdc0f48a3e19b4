"""Evidence photos for the demo activities, drawn with Pillow.

Flat illustrations, not photographs, and without words in the picture: the
caption says what, when and where, as staff are asked to write it. Drawn from a
fixed seed, so every demo shows the same pictures.
"""

import io
import random

from PIL import Image, ImageDraw

SIZE = (1200, 800)
SKIN = [(241, 194, 159), (224, 172, 130), (198, 140, 100), (172, 118, 82)]
HAIR = [(35, 30, 28), (55, 42, 35), (20, 20, 24), (90, 90, 92)]
# Civil-service khaki, white shirts, the blue and pink of school boards and parents.
SHIRTS = [(176, 160, 112), (238, 238, 232), (70, 110, 170), (206, 120, 140), (96, 140, 110)]
CHART = [(214, 92, 72), (235, 170, 60), (86, 150, 120), (70, 120, 180)]


def photo_draw(scene, *, seed):
    """The scene ("meeting", "hall" or "exhibition") as JPEG bytes."""
    rng = random.Random(seed)
    image = Image.new("RGB", SIZE)
    draw = ImageDraw.Draw(image)
    {"meeting": _meeting, "hall": _hall, "exhibition": _exhibition}[scene](draw, rng)
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=90)
    return out.getvalue()


def _person(draw, rng, x, y, scale=1.0, *, legs=False):
    """A figure facing the camera, head centred on (x, y)."""
    r = 26 * scale
    shirt = rng.choice(SHIRTS)
    draw.rounded_rectangle(
        (x - 46 * scale, y + r * 1.1, x + 46 * scale, y + r + 120 * scale), 30 * scale, fill=shirt
    )
    if legs:
        trousers = rng.choice([(50, 55, 70), (60, 60, 60), (40, 50, 90)])
        for dx in (-24, 6):
            draw.rectangle(
                (x + dx * scale, y + r + 110 * scale, x + (dx + 18) * scale, y + r + 220 * scale),
                fill=trousers,
            )
    draw.ellipse((x - r, y - r, x + r, y + r), fill=rng.choice(SKIN))
    draw.chord((x - r, y - r - 4 * scale, x + r, y + r * 0.6), 180, 360, fill=rng.choice(HAIR))


def _back_of_head(draw, rng, x, y, scale):
    r = 24 * scale
    draw.ellipse(
        (x - 52 * scale, y + r * 0.7, x + 52 * scale, y + r + 90 * scale), fill=rng.choice(SHIRTS)
    )
    draw.ellipse((x - r, y - r, x + r, y + r), fill=rng.choice(HAIR))


def _screen(draw, rng, box):
    left, top, right, bottom = box
    draw.rectangle(box, fill=(250, 250, 247), outline=(70, 70, 75), width=6)
    bars = rng.randint(4, 6)
    width = (right - left - 60) / bars
    for n in range(bars):
        height = rng.uniform(0.3, 0.85) * (bottom - top - 50)
        x = left + 30 + n * width
        draw.rectangle((x + 8, bottom - 25 - height, x + width - 8, bottom - 25), fill=CHART[n % 4])


def _window(draw, box):
    left, top, right, bottom = box
    draw.rectangle(box, fill=(190, 222, 240), outline=(245, 245, 245), width=10)
    draw.line(((left + right) / 2, top, (left + right) / 2, bottom), fill=(245, 245, 245), width=8)
    draw.line((left, (top + bottom) / 2, right, (top + bottom) / 2), fill=(245, 245, 245), width=8)


def _plant(draw, x, y):
    draw.polygon([(x - 40, y), (x + 40, y), (x + 28, y + 70), (x - 28, y + 70)], fill=(160, 95, 60))
    for dx, dy in [(-35, -60), (0, -95), (35, -60), (-15, -30), (20, -30)]:
        draw.ellipse((x + dx - 38, y + dy - 30, x + dx + 38, y + dy + 30), fill=(70, 135, 80))


def _meeting(draw, rng):
    """A meeting room: participants around a long table, a chart on the screen."""
    draw.rectangle((0, 0, 1200, 540), fill=(236, 229, 214))
    draw.rectangle((0, 540, 1200, 800), fill=(184, 150, 112))
    _window(draw, (60, 90, 300, 380))
    _screen(draw, rng, (420, 70, 860, 340))
    _plant(draw, 1080, 470)
    for n in range(rng.randint(6, 8)):
        _person(draw, rng, 170 + n * 125 + rng.randint(-10, 10), 430 + rng.randint(-8, 8))
    draw.rectangle((90, 560, 1110, 600), fill=(120, 78, 48))
    draw.rectangle((110, 600, 1090, 700), fill=(98, 62, 38))
    for n in range(8):
        x = 150 + n * 120
        draw.rectangle((x, 566, x + 60, 576), fill=(250, 250, 250))
        draw.rectangle((x + 75, 530, x + 90, 572), fill=(120, 180, 220))


def _hall(draw, rng):
    """A hall seen from the back rows: a speaker on the stage, a chart beside."""
    draw.rectangle((0, 0, 1200, 800), fill=(222, 214, 200))
    draw.rectangle(
        (120, 40, 1080, 300), fill=rng.choice([(40, 80, 140), (120, 40, 50), (30, 95, 80)])
    )
    draw.rectangle((120, 300, 1080, 360), fill=(140, 96, 60))
    _screen(draw, rng, (170, 80, 520, 270))
    _person(draw, rng, 760, 170, 0.75, legs=True)
    draw.polygon([(720, 240), (800, 240), (790, 330), (730, 330)], fill=(110, 70, 45))
    draw.rectangle((0, 360, 1200, 800), fill=(176, 146, 112))
    for row, (y, scale) in enumerate([(430, 0.8), (520, 1.0), (630, 1.25), (760, 1.5)]):
        step = 130 * scale
        x = 60 + (row % 2) * step / 2
        while x < 1200:
            _back_of_head(draw, rng, x + rng.randint(-8, 8), y, scale)
            x += step


def _exhibition(draw, rng):
    """Exhibition booths with posters, and visitors in front of them."""
    draw.rectangle((0, 0, 1200, 500), fill=(232, 236, 240))
    draw.rectangle((0, 500, 1200, 800), fill=(205, 196, 180))
    for n, left in enumerate((60, 450, 840)):
        roof = [(214, 92, 72), (86, 150, 120), (70, 120, 180)][n]
        draw.polygon(
            [(left - 20, 140), (left + 320, 140), (left + 290, 90), (left + 10, 90)], fill=roof
        )
        draw.rectangle(
            (left, 140, left + 300, 470), fill=(250, 250, 247), outline=(180, 180, 180), width=4
        )
        for p in range(2):
            x = left + 25 + p * 140
            draw.rectangle((x, 170, x + 115, 330), fill=rng.choice(CHART))
            draw.ellipse((x + 30, 200, x + 85, 255), fill=(250, 250, 247))
            draw.rectangle((x + 15, 275, x + 100, 290), fill=(250, 250, 247))
        draw.rectangle((left + 20, 400, left + 280, 440), fill=(120, 78, 48))
    for n in range(rng.randint(5, 7)):
        _person(
            draw,
            rng,
            110 + n * 170 + rng.randint(-20, 20),
            420 + rng.randint(0, 40),
            1.1,
            legs=True,
        )
