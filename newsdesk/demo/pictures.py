"""
Pictures for the demo, drawn with Pillow: the demo must work offline, and every picture
in it is ours to license.
"""

import io
import random

from PIL import Image, ImageDraw, ImageFilter

SIZE = (1600, 900)

PALETTES = {
    "dusk": ["#1d2b53", "#7e2553", "#ff77a8", "#ffccaa"],
    "harbour": ["#0b3954", "#087e8b", "#bfd7ea", "#ff5a5f"],
    "meadow": ["#264653", "#2a9d8f", "#e9c46a", "#f4a261"],
    "stone": ["#2b2d42", "#8d99ae", "#edf2f4", "#ef233c"],
    "ember": ["#3d0c02", "#9c2c13", "#f2a541", "#f7e1a0"],
    "ink": ["#111827", "#374151", "#9ca3af", "#fbbf24"],
}


def _gradient(draw, top, bottom):
    width, height = SIZE
    top_rgb, bottom_rgb = (Image.new("RGB", (1, 1), c).getpixel((0, 0)) for c in (top, bottom))
    for y in range(height):
        t = y / (height - 1)
        colour = tuple(int(a + (b - a) * t) for a, b in zip(top_rgb, bottom_rgb, strict=True))
        draw.line([(0, y), (width, y)], fill=colour)


def draw(motif, palette, seed):
    """A 1600×900 JPEG (bytes) of ``motif`` ("skyline", "waves", "hills", "circles")."""
    rng = random.Random(seed)  # noqa: S311 (repeatable drawings, not secrets)
    colours = PALETTES[palette]
    image = Image.new("RGB", SIZE)
    canvas = ImageDraw.Draw(image)
    _gradient(canvas, colours[0], colours[1])
    width, height = SIZE
    sun = (rng.randint(200, width - 200), rng.randint(120, 380))
    canvas.ellipse([sun[0] - 110, sun[1] - 110, sun[0] + 110, sun[1] + 110], fill=colours[3])
    if motif == "skyline":
        x = 0
        while x < width:
            w, h = rng.randint(60, 160), rng.randint(180, 560)
            canvas.rectangle([x, height - h, x + w, height], fill=colours[0])
            for wy in range(height - h + 20, height - 20, 36):
                for wx in range(x + 12, x + w - 12, 28):
                    if rng.random() < 0.35:
                        canvas.rectangle([wx, wy, wx + 10, wy + 16], fill=colours[3])
            x += w + rng.randint(4, 20)
    elif motif == "waves":
        for band in range(6):
            base = height * 0.55 + band * 60
            points = [(0, height)]
            for x in range(0, width + 40, 40):
                points.append((x, base + 25 * rng.uniform(-1, 1)))
            points.append((width, height))
            canvas.polygon(points, fill=colours[band % 2 and 2 or 0])
    elif motif == "hills":
        for layer, colour in enumerate([colours[2], colours[1], colours[0]]):
            base = height * (0.5 + layer * 0.15)
            points = [(0, height)]
            for x in range(0, width + 80, 80):
                points.append((x, base - 120 * abs(rng.gauss(0, 0.6))))
            points.append((width, height))
            canvas.polygon(points, fill=colour)
    else:
        for _ in range(40):
            r = rng.randint(20, 140)
            x, y = rng.randint(0, width), rng.randint(0, height)
            canvas.ellipse([x - r, y - r, x + r, y + r], outline=rng.choice(colours[2:]), width=6)
    image = image.filter(ImageFilter.SMOOTH)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85, optimize=True, progressive=True)
    return buffer.getvalue()
