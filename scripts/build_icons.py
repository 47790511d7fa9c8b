"""Build the site's icon set from its mark (white "SME" on the network's green), as
``web/img/favicon.svg`` draws it: the PNG icons of the web manifest (192 and 512 px, and a
512 px "maskable" one whose mark sits inside the central safe circle) and the 180 px
apple-touch-icon. Run once after changing the mark:

    .venv/bin/python scripts/build_icons.py

Needs Pillow and Noto Sans Bold (``fonts-noto-core``).
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

OUT = Path(__file__).resolve().parents[1] / "smenet" / "web" / "static" / "web" / "img"
FONT = "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf"
GREEN = (11, 110, 79, 255)
WHITE = (255, 255, 255, 255)


def icon(size: int, *, maskable: bool = False, rounded: bool = True) -> Image.Image:
    scale = 4  # draw large, then shrink: smooth edges
    big = size * scale
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    if maskable or not rounded:
        draw.rectangle((0, 0, big, big), fill=GREEN)
    else:
        draw.rounded_rectangle((0, 0, big - 1, big - 1), radius=big * 6 // 32, fill=GREEN)
    # The word fills 70 % of the width (40 % when maskable: the safe zone is the central 80 %
    # circle, and a word that wide fits in it with room to spare).
    target = big * (0.48 if maskable else 0.74)
    font_size = big // 2
    font = ImageFont.truetype(FONT, font_size)
    width = draw.textlength("SME", font=font)
    font = ImageFont.truetype(FONT, int(font_size * target / width))
    draw.text((big / 2, big / 2), "SME", font=font, fill=WHITE, anchor="mm")
    # Two colours and their blends: a 64-colour palette keeps the edges smooth at a third of
    # the size.
    return image.resize((size, size), Image.LANCZOS).quantize(64)


def main() -> None:
    icon(192).save(OUT / "icon-192.png", optimize=True)
    icon(512).save(OUT / "icon-512.png", optimize=True)
    icon(512, maskable=True).save(OUT / "icon-maskable-512.png", optimize=True)
    # iOS rounds the corners itself and shows transparency as black: a full square.
    icon(180, rounded=False).save(OUT / "apple-touch-icon.png", optimize=True)
    for name in ("icon-192.png", "icon-512.png", "icon-maskable-512.png", "apple-touch-icon.png"):
        print(name, (OUT / name).stat().st_size, "bytes")


if __name__ == "__main__":
    main()
