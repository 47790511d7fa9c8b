"""Build the site's web fonts and their CSS (decision "fonts": subsets, unicode-range, fallbacks).

Writes, from the Noto files in ``scripts/fonts/source/`` (Fontsource's builds, OFL):

- ``smenet/web/static/web/fonts/*.woff2``: subsets. Latin (Basic Latin, Latin-1, punctuation,
  French), a small Latin Extended subset (Extended-A, the Azerbaijani schwa, the dotted
  letters of Arabic transliteration) so that one "İ" costs a few kilobytes, Arabic (the Arabic
  block only: no Persian/Urdu supplements, no presentation forms, whose glyphs shaping reaches
  anyway), and a label font that holds only the glyphs of the language switcher's "العربية"
  so that English and French pages do not download an Arabic font for one word.
- ``smenet/web/static/web/css/fonts.css``: the ``@font-face`` rules with ``unicode-range``,
  and fallback faces: a system font (``local()``) scaled to the web font with ``size-adjust``
  and given its ascent, descent and line gap, so that text drawn in the fallback before the
  web font arrives takes the same room and the swap moves nothing. ``size-adjust`` is
  measured in Chromium: the width of the site's own text (every string of the ar/fr
  catalogues, English source strings) in the web font over its width in the fallback.

Run it again when the source fonts, the subsets or the catalogues change much::

    .venv/bin/python scripts/fonts/build_fonts.py --metrics-fonts DIR

``--metrics-fonts`` names a folder with the fallback fonts that are not installed here
(LiberationSans-{Regular,Bold}.ttf — Arial's metrics — and Roboto-{Regular,Bold}.ttf; e.g.
extracted from the Debian packages fonts-liberation2 and fonts-roboto-unhinted with
``apt-get download`` and ``dpkg-deb -x``). Fallbacks whose file cannot be found are left out
with a warning. Needs the system Chromium and the project's virtualenv (fontTools, brotli,
Playwright).
"""

from __future__ import annotations

import argparse
import base64
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parents[2]
SOURCE = Path(__file__).resolve().parent / "source"
FONTS = ROOT / "smenet" / "web" / "static" / "web" / "fonts"
CSS = ROOT / "smenet" / "web" / "static" / "web" / "css" / "fonts.css"
LOCALE = ROOT / "smenet" / "locale"

#: The language switcher's name for Arabic (Django's ``get_language_info("ar")["name_local"]``;
#: a test checks that they agree).
ARABIC_LABEL = "العربية"

LATIN = (
    "U+0000-00FF, U+0131, U+0152-0153, U+02BB-02BC, U+02C6, U+02DA, U+02DC, U+0304, U+0308,"
    " U+0329, U+2000-206F, U+20AC, U+2122, U+2190-2193, U+2212, U+2215, U+FEFF, U+FFFD"
)
LATIN_EXT = (
    "U+0100-0130, U+0132-0151, U+0154-017F, U+018F, U+0259, U+1E0C-1E0D, U+1E24-1E25,"
    " U+1E62-1E63, U+1E6C-1E6D, U+1E92-1E93"
)
ARABIC = "U+0600-06FF, U+200C-200F, U+25CC"


@dataclass(frozen=True)
class Face:
    family: str
    weight: int
    source: str
    output: str
    unicode_range: str = ""
    text: str = ""


FACES = [
    Face("Noto Sans", 400, "noto-sans-latin-400-normal.woff2", "noto-sans-latin-400.woff2", LATIN),
    Face("Noto Sans", 700, "noto-sans-latin-700-normal.woff2", "noto-sans-latin-700.woff2", LATIN),
    Face(
        "Noto Sans",
        400,
        "noto-sans-latin-ext-400-normal.woff2",
        "noto-sans-latinext-400.woff2",
        LATIN_EXT,
    ),
    Face(
        "Noto Sans",
        700,
        "noto-sans-latin-ext-700-normal.woff2",
        "noto-sans-latinext-700.woff2",
        LATIN_EXT,
    ),
    Face(
        "Noto Naskh Arabic",
        400,
        "noto-naskh-arabic-arabic-400-normal.woff2",
        "noto-naskh-arabic-400.woff2",
        ARABIC,
    ),
    Face(
        "Noto Naskh Arabic",
        700,
        "noto-naskh-arabic-arabic-700-normal.woff2",
        "noto-naskh-arabic-700.woff2",
        ARABIC,
    ),
    Face(
        "Noto Naskh Arabic Label",
        400,
        "noto-naskh-arabic-arabic-400-normal.woff2",
        "noto-naskh-arabic-label-400.woff2",
        text=ARABIC_LABEL,
    ),
]


@dataclass(frozen=True)
class Fallback:
    """A system font standing in for a web font while it loads, scaled to its metrics."""

    family: str  # the name the stacks use
    target: str  # the web font's family
    script: str  # "latin" or "arabic": which sample text measures it
    locals: dict[int, list[str]]  # weight -> local() names (full and PostScript names)
    files: dict[int, str]  # weight -> font file to measure (system path or --metrics-fonts name)
    unicode_range: str  # empty: the font's whole cmap


NOTO = "/usr/share/fonts/truetype/noto/"
DEJAVU = "/usr/share/fonts/truetype/dejavu/"
FALLBACKS = [
    Fallback(
        "Noto Sans fallback local",
        "Noto Sans",
        "latin",
        {400: ["Noto Sans Regular", "NotoSans-Regular"], 700: ["Noto Sans Bold", "NotoSans-Bold"]},
        {400: NOTO + "NotoSans-Regular.ttf", 700: NOTO + "NotoSans-Bold.ttf"},
        "",
    ),
    Fallback(
        "Noto Sans fallback Arial",
        "Noto Sans",
        "latin",
        {
            400: ["Arial", "ArialMT", "Liberation Sans", "LiberationSans", "Arimo", "Helvetica"],
            700: [
                "Arial Bold",
                "Arial-BoldMT",
                "Liberation Sans Bold",
                "LiberationSans-Bold",
                "Arimo Bold",
                "Arimo-Bold",
                "Helvetica Bold",
                "Helvetica-Bold",
            ],
        },
        {400: "LiberationSans-Regular.ttf", 700: "LiberationSans-Bold.ttf"},
        "",
    ),
    Fallback(
        "Noto Sans fallback Roboto",
        "Noto Sans",
        "latin",
        {400: ["Roboto", "Roboto-Regular"], 700: ["Roboto Bold", "Roboto-Bold"]},
        {400: "Roboto-Regular.ttf", 700: "Roboto-Bold.ttf"},
        "",
    ),
    Fallback(
        "Noto Sans fallback DejaVu",
        "Noto Sans",
        "latin",
        {400: ["DejaVu Sans", "DejaVuSans"], 700: ["DejaVu Sans Bold", "DejaVuSans-Bold"]},
        {400: DEJAVU + "DejaVuSans.ttf", 700: DEJAVU + "DejaVuSans-Bold.ttf"},
        "",
    ),
    Fallback(
        "Noto Naskh Arabic fallback local",
        "Noto Naskh Arabic",
        "arabic",
        {
            400: ["Noto Naskh Arabic Regular", "NotoNaskhArabic-Regular"],
            700: ["Noto Naskh Arabic Bold", "NotoNaskhArabic-Bold"],
        },
        {400: NOTO + "NotoNaskhArabic-Regular.ttf", 700: NOTO + "NotoNaskhArabic-Bold.ttf"},
        ARABIC,
    ),
    Fallback(
        "Noto Naskh Arabic fallback Noto Sans Arabic",
        "Noto Naskh Arabic",
        "arabic",
        {
            400: ["Noto Sans Arabic Regular", "NotoSansArabic-Regular"],
            700: ["Noto Sans Arabic Bold", "NotoSansArabic-Bold"],
        },
        {400: NOTO + "NotoSansArabic-Regular.ttf", 700: NOTO + "NotoSansArabic-Bold.ttf"},
        ARABIC,
    ),
    Fallback(
        "Noto Naskh Arabic fallback DejaVu",
        "Noto Naskh Arabic",
        "arabic",
        {400: ["DejaVu Sans", "DejaVuSans"], 700: ["DejaVu Sans Bold", "DejaVuSans-Bold"]},
        {400: DEJAVU + "DejaVuSans.ttf", 700: DEJAVU + "DejaVuSans-Bold.ttf"},
        ARABIC,
    ),
]


def build_subsets() -> None:
    FONTS.mkdir(parents=True, exist_ok=True)
    for old in FONTS.glob("*.woff2"):
        old.unlink()
    for face in FACES:
        options = subset.Options()
        options.flavor = "woff2"
        options.layout_features = ["*"] if face.text else options.layout_features
        font = subset.load_font(str(SOURCE / face.source), options)
        subsetter = subset.Subsetter(options)
        if face.text:
            subsetter.populate(text=face.text)
        else:
            subsetter.populate(unicodes=parse_ranges(face.unicode_range))
        subsetter.subset(font)
        subset.save_font(font, str(FONTS / face.output), options)
        print(f"{face.output}: {(FONTS / face.output).stat().st_size:,} bytes")
    shutil.copy(SOURCE / "OFL.txt", FONTS / "OFL.txt")


def parse_ranges(ranges: str) -> list[int]:
    codes: list[int] = []
    for part in ranges.replace(" ", "").split(","):
        start, _, end = part.removeprefix("U+").partition("-")
        codes.extend(range(int(start, 16), int(end or start, 16) + 1))
    return codes


def catalogue_text(language: str) -> str:
    """Every translated string of a catalogue (``msgstr``), or the English source strings."""
    text = (LOCALE / ("fr" if language == "en" else language) / "LC_MESSAGES/django.po").read_text()
    key = "msgid" if language == "en" else "msgstr"
    found = re.findall(rf'^{key}(?:\[\d\])? "(.*)"$', text, re.MULTILINE)
    return " ".join(s.replace('\\"', '"').replace("\\n", " ") for s in found if s)


def measure(fallbacks_dir: Path | None) -> list[tuple[Fallback, int, float]]:
    """(fallback, weight, size-adjust) for every fallback whose font file is at hand."""
    from playwright.sync_api import sync_playwright

    samples = {
        "latin": catalogue_text("en") + " " + catalogue_text("fr"),
        "arabic": " ".join(re.findall(r"[\u0600-\u06ff]+", catalogue_text("ar"))),
    }
    web_files = {
        ("Noto Sans", 400): "noto-sans-latin-400.woff2",
        ("Noto Sans", 700): "noto-sans-latin-700.woff2",
        ("Noto Naskh Arabic", 400): "noto-naskh-arabic-400.woff2",
        ("Noto Naskh Arabic", 700): "noto-naskh-arabic-700.woff2",
    }

    def data_url(path: Path) -> str:
        return "data:font/ttf;base64," + base64.b64encode(path.read_bytes()).decode()

    wanted: list[tuple[Fallback, int, Path]] = []
    for fb in FALLBACKS:
        for weight, name in fb.files.items():
            path = Path(name)
            if not path.is_absolute():
                path = (fallbacks_dir or Path("/nonexistent")) / name
            if path.exists():
                wanted.append((fb, weight, path))
            else:
                print(f"warning: {name} not found; {fb.family} {weight} left out", file=sys.stderr)

    rules = [
        f'@font-face {{ font-family: "web {fam} {w}"; src: url("{data_url(FONTS / f)}"); }}'
        for (fam, w), f in web_files.items()
    ]
    rules += [
        f'@font-face {{ font-family: "m{i}"; src: url("{data_url(p)}"); }}'
        for i, (_fb, _w, p) in enumerate(wanted)
    ]
    html = f"<style>{''.join(rules)} span {{ font-size: 100px; white-space: pre; }}</style>"
    results = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=shutil.which("chromium") or "/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu"],
        )
        page = browser.new_page()
        page.set_content(html)
        width = """([family, text]) => { const s = document.createElement('span');
            s.style.fontFamily = `"${family}"`; s.textContent = text;
            document.body.append(s); const w = s.getBoundingClientRect().width; s.remove();
            return w; }"""
        for family in [f"web {fam} {w}" for fam, w in web_files] + [
            f"m{i}" for i in range(len(wanted))
        ]:
            page.evaluate(f"document.fonts.load('100px \"{family}\"')")
        page.evaluate("document.fonts.ready")
        for i, (fb, weight, _path) in enumerate(wanted):
            text = samples[fb.script]
            web = page.evaluate(width, [f"web {fb.target} {weight}", text])
            local = page.evaluate(width, [f"m{i}", text])
            results.append((fb, weight, web / local))
        browser.close()
    return results


def css(measured: list[tuple[Fallback, int, float]]) -> str:
    def metrics(family: str, weight: int) -> tuple[float, float, float]:
        face = next(f for f in FACES if f.family == family and f.weight == weight)
        font = TTFont(FONTS / face.output)
        upem, hhea = font["head"].unitsPerEm, font["hhea"]
        return hhea.ascent / upem, -hhea.descent / upem, hhea.lineGap / upem

    lines = [
        "/* Generated by scripts/fonts/build_fonts.py: do not edit (decision: fonts).",
        "   Web fonts in subsets (a page downloads only the ranges its text uses), then system",
        "   fonts scaled to the web fonts' widths and heights, used until they arrive (Arabic",
        "   fallbacks first, limited to Arabic, so that they never draw Latin text). */",
    ]
    for face in FACES:
        unicode_range = face.unicode_range or ", ".join(
            f"U+{ord(c):04X}" for c in sorted(set(face.text))
        )
        lines.append(
            f'@font-face {{ font-family: "{face.family}"; font-weight: {face.weight};'
            f" font-display: swap;\n"
            f'  src: url("../fonts/{face.output}") format("woff2");\n'
            f"  unicode-range: {unicode_range}; }}"
        )
    for fb, weight, size_adjust in measured:
        ascent, descent, gap = metrics(fb.target, weight)
        srcs = ", ".join(f'local("{n}")' for n in fb.locals[weight])
        lines.append(
            f'@font-face {{ font-family: "{fb.family}"; font-weight: {weight}; src: {srcs};\n'
            f"  size-adjust: {size_adjust * 100:.2f}%;"
            f" ascent-override: {ascent / size_adjust * 100:.2f}%;"
            f" descent-override: {descent / size_adjust * 100:.2f}%;"
            f" line-gap-override: {gap / size_adjust * 100:.2f}%;"
            + (f"\n  unicode-range: {fb.unicode_range};" if fb.unicode_range else "")
            + " }"
        )
    latin = [f'"{fb.family}"' for fb in FALLBACKS if fb.script == "latin"]
    arabic = [f'"{fb.family}"' for fb in FALLBACKS if fb.script == "arabic"]
    lines.append(
        ":root {\n"
        f'  --font-latin: "Noto Sans", "Noto Naskh Arabic", {", ".join(arabic + latin)},'
        " system-ui, sans-serif;\n"
        f'  --font-arabic: "Noto Naskh Arabic", "Noto Sans", {", ".join(arabic + latin)},'
        " system-ui, serif;\n"
        f'  --font-arabic-label: "Noto Naskh Arabic Label", {", ".join(arabic)}, serif;\n'
        "}"
    )
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--metrics-fonts", type=Path, help="folder with Liberation/Roboto files")
    ns = parser.parse_args()
    build_subsets()
    measured = measure(ns.metrics_fonts)
    CSS.write_text(css(measured))
    print(f"{CSS.relative_to(ROOT)} written ({len(measured)} fallback faces)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
