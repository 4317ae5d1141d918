#!/usr/bin/env python3
"""Checks rendered SVG diagrams the way users see them: in headless Chromium.

    scripts/check-svg-in-browser.py METROTRACE_BINARY [OUT_DIR]

Draws the chains of the Jiangxi network's documented problems, a verification-scheme
chart and an impact diagram with the given binary, opens each SVG in Debian's chromium
(headless), and measures every text element there (getBoundingClientRect, with the fonts
the browser really uses). Fails, naming diagram, node and texts, when two texts of one
label overlap (the bold-CJK-covers-the-next-word defect) or a text sticks out of its box.
Also saves a screenshot of each diagram in OUT_DIR (default: a temporary folder) for a
person to look at, and prints the Jiangxi audit report to PDF, which must come out on A4
pages.

Needs `chromium` and `pdftotext` (poppler-utils), installed by scripts/test.sh when
missing, and fonts-wqy-microhei.
"""

import html
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent

DIAGRAMS = [
    ("chain ENV-E1-P02", ["diagram", "data/jiangxi", "ENV-E1-P02", "--at", "2026-11-26"]),
    ("chain NMAT-E1-M04", ["diagram", "data/jiangxi", "NMAT-E1-M04", "--at", "2026-11-26"]),
    ("chain AUTO-E2-N90", ["diagram", "data/jiangxi", "AUTO-E2-N90", "--at", "2026-11-26"]),
    ("chain MED-E1-T03", ["diagram", "data/jiangxi", "MED-E1-T03", "--at", "2026-11-26"]),
    ("scheme mass", ["scheme", "data/jiangxi", "--quantity", "mass", "--at", "2026-11-26"]),
    ("impact JXIM-M-REF", ["impact", "data/jiangxi", "JXIM-M-REF", "--found-out-of-tolerance", "2026-10-01",
                           "--at", "2026-11-26", "--format", "svg"]),
]
# The same diagrams in Chinese: longer CJK runs in every box, edge and legend.
DIAGRAMS += [(name + " zh-Hans", arguments + ["--lang", "zh-Hans"]) for name, arguments in list(DIAGRAMS)]

# Runs in the page: every <text>'s box in screen pixels, grouped by the Graphviz group
# (node, edge, cluster) it belongs to, with that group's shape box.
MEASURE = """
<script>
window.addEventListener('load', () => {
  const groups = [];
  for (const g of document.querySelectorAll('g.node, g.cluster, g.edge')) {
    const title = g.querySelector('title');
    const shape = g.querySelector(':scope > polygon, :scope > path, :scope > ellipse');
    const box = r => ({x: r.left, y: r.top, w: r.width, h: r.height});
    const texts = [...g.querySelectorAll('text')].map(t => ({text: t.textContent, ...box(t.getBoundingClientRect())}));
    groups.push({kind: g.getAttribute('class'), name: title ? title.textContent : '',
                 shape: shape && !g.classList.contains('edge') ? box(shape.getBoundingClientRect()) : null, texts});
  }
  const fonts = [...new Set([...document.querySelectorAll('text')].map(t => getComputedStyle(t).fontFamily))];
  document.getElementById('result').textContent = JSON.stringify({groups, fonts});
});
</script>
"""


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    sys.exit("check-svg-in-browser: no chromium on PATH (apt-get install chromium)")


def browser(args, timeout=120):
    return subprocess.run([chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                           "--disable-dev-shm-usage", "--user-data-dir=" + tempfile.mkdtemp()] + args,
                          capture_output=True, text=True, timeout=timeout)


def overlap(a, b):
    """How far two boxes overlap: (width, height) of the intersection, 0 when apart."""
    w = min(a["x"] + a["w"], b["x"] + b["w"]) - max(a["x"], b["x"])
    h = min(a["y"] + a["h"], b["y"] + b["h"]) - max(a["y"], b["y"])
    return (max(w, 0), max(h, 0))


def problems(name, measured):
    found = []
    for group in measured["groups"]:
        texts = [t for t in group["texts"] if t["text"].strip() and t["w"] > 0]
        # Texts of one line (their boxes overlap vertically by more than half a line) must
        # not cover each other by more than a pixel.
        for i, a in enumerate(texts):
            for b in texts[i + 1:]:
                w, h = overlap(a, b)
                if w > 1.0 and h > 0.5 * min(a["h"], b["h"]):
                    found.append(f"{name}: in {group['kind']} {group['name']!r}, {a['text']!r} and {b['text']!r} "
                                 f"overlap by {w:.1f} px")
        shape = group["shape"]
        if shape and group["kind"] == "node":
            for t in texts:
                if t["x"] < shape["x"] - 1 or t["x"] + t["w"] > shape["x"] + shape["w"] + 1:
                    found.append(f"{name}: in node {group['name']!r}, {t['text']!r} sticks out of its box "
                                 f"({t['x']:.0f}–{t['x'] + t['w']:.0f} px, box {shape['x']:.0f}–"
                                 f"{shape['x'] + shape['w']:.0f} px)")
    return found


def check_printed_report(binary, out, language="en"):
    """Prints the Jiangxi audit report to PDF in chromium: A4 pages (595 × 842 pt), more
    than one of them, each with its number ("Page n of m", or "第 n 页，共 m 页")."""
    report = out / f"report-{language}.html"
    run = subprocess.run([binary, "report", "data/jiangxi", "--at", "2026-11-26", "-o", str(report),
                          "--lang", language], cwd=ROOT, capture_output=True, text=True)
    if not report.exists():
        return [f"report: not written (exit {run.returncode}): {run.stderr.strip()}"]
    pdf = out / f"report-{language}.pdf"
    browser(["--no-pdf-header-footer", f"--print-to-pdf={pdf}", report.as_uri()], timeout=300)
    if not pdf.exists():
        return ["report: chromium printed no PDF"]
    data = pdf.read_bytes()
    boxes = re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([0-9.]+)\s+([0-9.]+)\s*\]", data)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", data))
    print(f"check-svg-in-browser: report printed to {pdf.name}: {pages} pages, media boxes "
          f"{sorted(set((float(w), float(h)) for w, h in boxes))}")
    problems = []
    if pages < 2:
        problems.append(f"report: printed on {pages} page(s)")
    if not boxes or any(abs(float(w) - 595.3) > 1.5 or abs(float(h) - 841.9) > 1.5 for w, h in boxes):
        problems.append(f"report: pages are not A4: {sorted(set(boxes))}")
    # Every page carries the report number and "Page n of m" (the @page margin boxes).
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    for page, content in enumerate(text.split("\f")[:pages], start=1):
        number = f"Page {page} of {pages}" if language == "en" else f"第 {page} 页，共 {pages} 页"
        if number not in content or "MT-2026-11-26-" not in content:
            problems.append(f"report ({language}): page {page} lacks its number or the report number")
    return problems


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    binary = sys.argv[1]
    out = pathlib.Path(sys.argv[2] if len(sys.argv) > 2 else tempfile.mkdtemp(prefix="svg-in-browser-"))
    out.mkdir(parents=True, exist_ok=True)
    failures = []
    fonts = set()
    for name, arguments in DIAGRAMS:
        slug = re.sub(r"[^A-Za-z0-9]+", "-", name)
        svg = out / f"{slug}.svg"
        run = subprocess.run([binary] + arguments + ["-o", str(svg)], cwd=ROOT, capture_output=True, text=True)
        if not svg.exists():
            failures.append(f"{name}: not drawn (exit {run.returncode}): {run.stderr.strip()}")
            continue
        text = svg.read_text(encoding="utf-8")
        text = text[text.index("<svg"):]
        size = re.search(r'width="([0-9.]+)pt" height="([0-9.]+)pt"', text)
        width, height = (float(size.group(1)) * 96 / 72, float(size.group(2)) * 96 / 72) if size else (1200, 900)
        page = out / f"{slug}.html"
        page.write_text("<!DOCTYPE html><html><head><meta charset='utf-8'><style>body{margin:0}</style></head><body>"
                        + text + "<pre id='result'></pre>" + MEASURE + "</body></html>", encoding="utf-8")
        dumped = browser(["--virtual-time-budget=5000", "--dump-dom", page.as_uri()])
        match = re.search(r"<pre id=\"result\">(.*?)</pre>", dumped.stdout, re.S)
        if dumped.returncode != 0 or not match or not match.group(1).strip():
            failures.append(f"{name}: chromium measured nothing (exit {dumped.returncode}): {dumped.stderr[-500:]}")
            continue
        measured = json.loads(html.unescape(match.group(1)))
        fonts.update(measured["fonts"])
        texts = sum(len(g["texts"]) for g in measured["groups"])
        found = problems(name, measured)
        failures += found
        shot = out / f"{slug}.png"
        browser([f"--window-size={int(width) + 16},{int(height) + 16}", f"--screenshot={shot}", svg.as_uri()])
        print(f"check-svg-in-browser: {name}: {len(measured['groups'])} groups, {texts} texts measured, "
              f"{len(found)} problems; {int(width)} × {int(height)} px; screenshot {shot.name}")
    failures += check_printed_report(binary, out, "en")
    failures += check_printed_report(binary, out, "zh-Hans")
    print(f"check-svg-in-browser: fonts as the browser resolved them: {sorted(fonts)}")
    print(f"check-svg-in-browser: pages and screenshots in {out}")
    if failures:
        print("\n".join(failures), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
