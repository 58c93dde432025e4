#!/usr/bin/env python3
"""Draws the default rich-menu images, one per language, into assets/richmenu/<tag>.png.

Not needed to build or test frontdesk: the PNGs it writes are committed. Run it again after
changing a button's words: they are read from the `richmenu-*` messages in locales/<tag>/frontdesk.ftl.
It draws one image for every language folder in locales/, so a new language gets its image here.

    pip install Pillow
    python3 tools/richmenu/make_images.py

Layout (must match src/richmenu/mod.rs `AREAS`): 2500x843, four buttons in a 2x2 grid,
left to right, top to bottom: start a consultation, my case status, emergency numbers, language.
LINE's rich-menu image rules: PNG or JPEG, at most 1 MB, width 800-2500, width/height >= 1.45.
"""

import os
import re
import sys

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 2500, 843
HALF_W, HALF_H = 1250, 421
GAP = 10

JA_FONT = "/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf"
# DejaVu has the Vietnamese and Portuguese diacritics (ắ, ề, ữ, ç, ã…) IPA Gothic lacks.
LATIN_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"

# Calm, dark backgrounds with white text: contrast above 7:1 for each (WCAG AAA).
COLOURS = {
    "start": (27, 94, 32),
    "status": (13, 71, 161),
    "emergency": (183, 28, 28),
    "language": (55, 71, 79),
}

ORDER = ["start", "status", "emergency", "language"]


def words(tag):
    """Each button's words and smaller second line (or None), from locales/<tag>/frontdesk.ftl:
    `richmenu-<button>` and `richmenu-<button>-note` (`{""}` for none)."""
    here = os.path.dirname(os.path.abspath(__file__))
    path = os.path.join(here, "..", "..", "locales", tag, "frontdesk.ftl")
    found = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = re.match(r"^(richmenu-[a-z-]+) = (.*)$", line.rstrip("\n"))
            if m:
                found[m.group(1)] = "" if m.group(2) == '{""}' else m.group(2)
    return {name: (found[f"richmenu-{name}"], found.get(f"richmenu-{name}-note") or None) for name in ORDER}




def is_japanese(ch):
    return ord(ch) >= 0x3000


def runs(text):
    """Splits text into runs drawn with one font each (Japanese or Latin)."""
    out = []
    for ch in text:
        ja = is_japanese(ch)
        if out and out[-1][1] == ja:
            out[-1][0] += ch
        else:
            out.append([ch, ja])
    return out


def fonts(size):
    return {True: ImageFont.truetype(JA_FONT, size), False: ImageFont.truetype(LATIN_FONT, size)}


def line_width(draw, text, f):
    return sum(draw.textlength(t, font=f[ja]) for t, ja in runs(text))


def fitted(draw, text, size, max_width):
    while size > 40:
        f = fonts(size)
        if line_width(draw, text, f) <= max_width:
            return f
        size -= 4
    return fonts(size)


def draw_line(draw, text, f, centre_x, baseline_y):
    x = centre_x - line_width(draw, text, f) / 2
    for t, ja in runs(text):
        # IPA Gothic has no bold face: a thin white stroke gives its strokes the weight of
        # DejaVu Sans Bold next to it.
        stroke = max(2, f[ja].size // 40) if ja else 0
        draw.text((x, baseline_y), t, font=f[ja], fill="white", anchor="ls", stroke_width=stroke, stroke_fill="white")
        x += draw.textlength(t, font=f[ja])


def button(draw, box, main, sub):
    x0, y0, x1, y1 = box
    cx = (x0 + x1) / 2
    cy = (y0 + y1) / 2
    f_main = fitted(draw, main, 150, x1 - x0 - 120)
    if sub is None:
        draw_line(draw, main, f_main, cx, cy + 52)
    else:
        f_sub = fitted(draw, sub, 84, x1 - x0 - 120)
        draw_line(draw, main, f_main, cx, cy + 10)
        draw_line(draw, sub, f_sub, cx, cy + 120)


def make(tag, out_dir):
    img = Image.new("RGB", (WIDTH, HEIGHT), "white")
    draw = ImageDraw.Draw(img)
    boxes = [
        (0, 0, HALF_W, HALF_H),
        (HALF_W, 0, WIDTH, HALF_H),
        (0, HALF_H, HALF_W, HEIGHT),
        (HALF_W, HALF_H, WIDTH, HEIGHT),
    ]
    for name, (x0, y0, x1, y1) in zip(ORDER, boxes):
        inner = (x0 + GAP, y0 + GAP, x1 - GAP, y1 - GAP)
        draw.rounded_rectangle(inner, radius=36, fill=COLOURS[name])
        main, sub = words(tag)[name]
        button(draw, inner, main, sub)
    path = os.path.join(out_dir, f"{tag}.png")
    img.save(path, "PNG", optimize=True)
    size = os.path.getsize(path)
    assert size < 1024 * 1024, f"{path} is {size} bytes; LINE takes at most 1 MB"
    print(f"{path}: {size} bytes")


def languages(here):
    """Every language folder of locales/ (a folder with a frontdesk.ftl), as the build embeds them."""
    root = os.path.join(here, "..", "..", "locales")
    return sorted(t for t in os.listdir(root) if os.path.isfile(os.path.join(root, t, "frontdesk.ftl")))


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "..", "assets", "richmenu")
    os.makedirs(out_dir, exist_ok=True)
    for tag in languages(here):
        make(tag, out_dir)


if __name__ == "__main__":
    main()
