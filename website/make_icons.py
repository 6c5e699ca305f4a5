"""Draw the site's bitmap icons from website/static/img/favicon.svg with Pillow.

Run from the project root after changing the SVG: ``python website/make_icons.py``. It writes
favicon.ico (16, 32 and 48 px), apple-touch-icon.png (180 px, square and opaque: iOS rounds
the corners itself) and icon-192.png / icon-512.png (the web manifest's icons) next to the
SVG. Pillow cannot read SVG, so the SVG's three shapes are drawn here on its 32-unit grid,
four times larger than needed and scaled down (smooth edges). This script lives outside
static/ so that collectstatic does not publish it.
"""

from pathlib import Path

from PIL import Image, ImageDraw

HERE = Path(__file__).resolve().parent / "static" / "img"
GREEN, GOLD, WHITE = "#0b5d4b", "#f6c453", "#ffffff"
OVERSAMPLE = 4


def draw(size: int, *, rounded: bool = True) -> Image.Image:
    big = size * OVERSAMPLE
    unit = big / 32
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    # <rect width="32" height="32" rx="7" fill="#0b5d4b"/>
    pen.rounded_rectangle((0, 0, big - 1, big - 1), radius=7 * unit if rounded else 0, fill=GREEN)
    # <path d="M7 12h18l-2 13H9z" fill="#f6c453"/>  (the basket)
    basket = [(7, 12), (25, 12), (23, 25), (9, 25)]
    pen.polygon([(x * unit, y * unit) for x, y in basket], fill=GOLD)
    # <path d="M12 12a4 4 0 0 1 8 0" stroke="#fff" stroke-width="2.2"/>  (the handle)
    box = (12 * unit, 8 * unit, 20 * unit, 16 * unit)
    pen.arc(box, start=180, end=360, fill=WHITE, width=round(2.2 * unit))
    return image.resize((size, size), Image.LANCZOS)


def main() -> None:
    draw(48).save(HERE / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)])
    draw(180, rounded=False).convert("RGB").save(HERE / "apple-touch-icon.png", optimize=True)
    for size in (192, 512):
        draw(size).save(HERE / f"icon-{size}.png", optimize=True)


if __name__ == "__main__":
    main()
