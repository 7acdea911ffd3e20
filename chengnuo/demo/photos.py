"""Demo evidence photos: small drawn street scenes, different for each report, so the
board shows real images that went through the same upload checks as a member's photo."""

import io
import random

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

SKIES = ((135, 190, 235), (250, 205, 150), (170, 200, 220), (205, 225, 245))
WALLS = ((196, 160, 120), (230, 225, 215), (150, 160, 175), (210, 120, 100))


def demo_photo(number: int, *, name: str = "") -> SimpleUploadedFile:
    """A JPEG of a row of houses under a sky; the same number draws the same picture."""
    rng = random.Random(number)
    width, height = 800, 600
    image = Image.new("RGB", (width, height), SKIES[number % len(SKIES)])
    draw = ImageDraw.Draw(image)
    ground = int(height * 0.7)
    draw.rectangle((0, ground, width, height), fill=(110, 150, 90))
    sun = rng.randint(80, width - 80)
    draw.ellipse((sun - 40, 50, sun + 40, 130), fill=(255, 230, 120))
    x = 0
    while x < width:
        w, h = rng.randint(90, 160), rng.randint(140, 300)
        wall = WALLS[rng.randrange(len(WALLS))]
        draw.rectangle((x, ground - h, x + w, ground), fill=wall, outline=(60, 60, 60))
        draw.polygon(((x - 5, ground - h), (x + w // 2, ground - h - 50),
                      (x + w + 5, ground - h)), fill=(160, 60, 50))
        for wy in range(ground - h + 20, ground - 30, 50):
            for wx in range(x + 15, x + w - 25, 40):
                draw.rectangle((wx, wy, wx + 20, wy + 25), fill=(250, 250, 210))
        x += w + rng.randint(10, 40)
    # A red banner across the street, as on a community event's photo.
    draw.rectangle((120, ground + 30, width - 120, ground + 70), fill=(200, 30, 30))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    return SimpleUploadedFile(name or f"现场照片{number}.jpg", out.getvalue(),
                              content_type="image/jpeg")
