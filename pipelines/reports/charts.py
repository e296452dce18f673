"""The briefing's charts as inline SVG: no script, no network, the same in a browser and PDF.

Each chart is one <svg data-chart="..."> whose marks carry their figures in data-*
attributes (and a <title> a browser shows on hover), so a test can check what is drawn.
A missing figure is never drawn as zero: the month or OPD is labelled "tidak ada data".
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape

from pipelines.reports.formatting import BULAN_SINGKAT, NAMA_BULAN, TIDAK_ADA_DATA, persen

LAMPU_WARNA = {"hijau": "#2e7d32", "kuning": "#f2a900", "merah": "#c62828", None: "#9e9e9e"}
SERIES_WARNA = {"realisasi": "#1565c0", "rencana": "#6d4c41", "tahun_lalu": "#8e24aa"}
FONT = "DejaVu Sans, Liberation Sans, Arial, sans-serif"
GRID = "#d9d9d9"
MUTED = "#616161"
LABEL_SIZE = 10.5  # an OPD's name beside its bar
LABEL_ROOM = 292  # px left of the bars for it
LABEL_CHARS = int(LABEL_ROOM / (LABEL_SIZE * 0.6))  # DejaVu Sans: about 0.6 em a character
DOT_R = 5
DOT_LABEL_SIZE = 10


@dataclass(frozen=True)
class Series:
    key: str  # realisasi | rencana | tahun_lalu
    label: str
    values: list[float | None]  # one per month, January first
    dashed: bool = False


@dataclass(frozen=True)
class Bar:
    kode: str
    label: str
    value: float | None  # absorption, % of pagu
    target: float | None  # cash plan, % of pagu
    lampu: str | None


@dataclass(frozen=True)
class Dot:
    kode: str
    label: str
    number: int | None  # shown beside the dot, as in the list beside the chart; None: none
    keuangan: float
    fisik: float
    lampu: str | None


def absorption_curve(series: list[Series], bulan_ke: int) -> str:
    """Cumulative % by month, January to December; bulan_ke is the month reported."""
    width, height = 760, 300
    left, right, top, bottom = 48, 16, 14, 80
    plot_w, plot_h = width - left - right, height - top - bottom
    highest = max([v for s in series for v in s.values if v is not None] + [100])
    scale = _nice_ceiling(highest)
    step = plot_w / 12

    def x(month: int) -> float:  # month 1..12, at the middle of its column
        return left + step * (month - 0.5)

    def y(value: float) -> float:
        return top + plot_h * (1 - value / scale)

    parts = [_open("kurva", width, height, "Kurva penyerapan kumulatif per bulan")]
    realised = next((s for s in series if s.key == "realisasi"), None)
    missing = [] if realised is None else [
        month for month in range(1, bulan_ke + 1) if realised.values[month - 1] is None]
    for month in missing:  # a month reported so far without its figure, said plainly
        parts.append(f'<rect x="{x(month) - step / 2:.1f}" y="{top}" width="{step:.1f}" '
                     f'height="{plot_h}" fill="#eeeeee"/>')
        parts.append(
            f'<text data-tidak-ada-data="{month}" x="{x(month):.1f}" y="{top + plot_h + 30}" '
            f'text-anchor="middle" font-size="9" font-style="italic" fill="{MUTED}">'
            f'<tspan x="{x(month):.1f}">tidak ada</tspan>'
            f'<tspan x="{x(month):.1f}" dy="10"> data</tspan></text>')
    parts += _y_grid(left, left + plot_w, y, scale)
    for month in range(1, 13):
        parts.append(_text(x(month), top + plot_h + 16, BULAN_SINGKAT[month - 1],
                           anchor="middle"))
    parts.append(f'<line x1="{x(bulan_ke):.1f}" y1="{top}" x2="{x(bulan_ke):.1f}" '
                 f'y2="{top + plot_h}" stroke="{MUTED}" stroke-dasharray="2 3"/>')
    if bulan_ke <= 10:
        parts.append(_text(x(bulan_ke) + 4, top + 10, "bulan ini", size=10, fill=MUTED))
    else:  # the label would run past the right edge: left of the line
        parts.append(_text(x(bulan_ke) - 4, top + 10, "bulan ini", anchor="end", size=10,
                           fill=MUTED))
    for s in series:
        parts += _line_series(s, x, y)

    legend_y = height - 16
    for index, s in enumerate(series):
        lx = left + index * 230
        dash = ' stroke-dasharray="6 4"' if s.dashed else ""
        parts.append(f'<line x1="{lx}" y1="{legend_y}" x2="{lx + 26}" y2="{legend_y}" '
                     f'stroke="{SERIES_WARNA[s.key]}" stroke-width="3"{dash}/>')
        parts.append(_text(lx + 32, legend_y + 4, s.label))
    parts.append("</svg>")
    return "\n".join(parts)


def _line_series(s: Series, x, y) -> list[str]:
    """Lines join consecutive months only: a gap stays a gap."""
    colour = SERIES_WARNA[s.key]
    dash = ' stroke-dasharray="6 4"' if s.dashed else ""
    parts, run = [], []
    for month, value in enumerate(s.values + [None], start=1):
        if value is not None:
            run.append((month, value))
            continue
        if len(run) > 1:
            points = " ".join(f"{x(m):.1f},{y(v):.1f}" for m, v in run)
            parts.append(f'<polyline data-series="{s.key}" points="{points}" fill="none" '
                         f'stroke="{colour}" stroke-width="2.5"{dash}/>')
        run = []
    for month, value in enumerate(s.values, start=1):
        if value is None:
            continue
        parts.append(
            f'<circle data-series="{s.key}" data-bulan="{month}" data-nilai="{value:.2f}" '
            f'cx="{x(month):.1f}" cy="{y(value):.1f}" r="3.5" fill="{colour}">'
            f'<title>{escape(s.label)}, {NAMA_BULAN[month - 1]}: {persen(value)}</title>'
            f'</circle>')
    return parts


def opd_bars(bars: list[Bar], chart: str = "opd") -> str:
    """Each OPD's absorption (% of pagu) as a bar in its band's colour, the plan a tick.

    The bars are drawn highest first, as they are read; an OPD without a figure last.
    Names are wrapped on words, never cut.
    """
    bars = sorted(bars, key=lambda b: (b.value is None, -(b.value or 0), b.label))
    label_w, value_w, line_h = LABEL_ROOM + 8, 64, 11
    width, top, bottom = 760, 26, 40
    plot_w = width - label_w - value_w
    wrapped = [wrap(bar.label, LABEL_CHARS) for bar in bars]
    row_h = max(18, line_h * max((len(lines) for lines in wrapped), default=1) + 6)
    height = top + row_h * max(len(bars), 1) + bottom
    highest = max([b.value for b in bars if b.value is not None]
                  + [b.target for b in bars if b.target is not None] + [10])
    scale = _nice_ceiling(highest)

    def x(value: float) -> float:
        return label_w + plot_w * min(value, scale) / scale

    parts = [_open(chart, width, height, "Penyerapan OPD terhadap rencana kas")]
    for tick in _ticks(scale):
        parts.append(f'<line x1="{x(tick):.1f}" y1="{top - 4}" x2="{x(tick):.1f}" '
                     f'y2="{height - bottom}" stroke="{GRID}"/>')
        parts.append(_text(x(tick), top - 8, persen(tick, 0), anchor="middle", size=10,
                           fill=MUTED))
    for index, (bar, lines) in enumerate(zip(bars, wrapped)):
        row_y = top + index * row_h
        middle = row_y + row_h / 2
        first = middle + 4 - line_h * (len(lines) - 1) / 2
        spans = "".join(f'<tspan x="{label_w - 8}" y="{first + i * line_h:.1f}">'
                        f'{escape(line)}</tspan>' for i, line in enumerate(lines))
        parts.append(f'<text data-label="{escape(bar.kode)}" text-anchor="end" '
                     f'font-size="{LABEL_SIZE}">{spans}</text>')
        if bar.value is None:
            parts.append(f'<text data-opd="{escape(bar.kode)}" data-tidak-ada-data="1" '
                         f'x="{label_w + 4}" y="{middle + 4:.1f}" font-size="11" '
                         f'font-style="italic" fill="{MUTED}">{TIDAK_ADA_DATA}</text>')
        else:
            parts.append(
                f'<rect data-opd="{escape(bar.kode)}" data-nilai="{bar.value:.2f}" '
                f'data-lampu="{bar.lampu or ""}" x="{label_w}" y="{row_y + 3}" '
                f'width="{max(x(bar.value) - label_w, 1.5):.1f}" height="{row_h - 6}" '
                f'fill="{LAMPU_WARNA[bar.lampu]}"><title>{escape(bar.label)}: '
                f'{persen(bar.value)} dari pagu</title></rect>')
            parts.append(_text(width - value_w + 8, middle + 4, persen(bar.value), size=11))
        if bar.target is not None:
            tx = x(bar.target)
            parts.append(f'<line data-target="{bar.target:.2f}" x1="{tx:.1f}" y1="{row_y + 1}" '
                         f'x2="{tx:.1f}" y2="{row_y + row_h - 1}" stroke="#212121" '
                         f'stroke-width="2.5"><title>Rencana kas (RAK): {persen(bar.target)}'
                         f'</title></line>')
    legend_y = height - 14
    items = [("merah", "merah"), ("kuning", "kuning"), ("hijau", "hijau"),
             (None, "belum dinilai")]
    for index, (lampu, text) in enumerate(items):
        lx = 40 + index * 100
        parts.append(f'<rect x="{lx}" y="{legend_y - 10}" width="14" height="12" '
                     f'fill="{LAMPU_WARNA[lampu]}"/>')
        parts.append(_text(lx + 20, legend_y, text, size=11))
    rx = 40 + 4 * 100 + 20
    parts.append(f'<line x1="{rx + 7}" y1="{legend_y - 12}" x2="{rx + 7}" y2="{legend_y + 2}" '
                 f'stroke="#212121" stroke-width="2.5"/>')
    parts.append(_text(rx + 16, legend_y, "rencana kas (RAK) s.d. bulan ini", size=11))
    parts.append("</svg>")
    return "\n".join(parts)


def physical_vs_financial(dots: list[Dot]) -> str:
    """Physical % (y) against financial absorption % (x); below the diagonal: paid, not built."""
    size, left, top, right, bottom = 420, 52, 14, 16, 46
    width, height = left + size + right, top + size + bottom
    highest = max([d.keuangan for d in dots] + [d.fisik for d in dots] + [10])
    scale = _nice_ceiling(highest)

    def x(value: float) -> float:
        return left + size * value / scale

    def y(value: float) -> float:
        return top + size * (1 - value / scale)

    parts = [_open("fisik-keuangan", width, height,
                   "Realisasi fisik terhadap realisasi keuangan per OPD")]
    for tick in _ticks(scale):
        parts.append(f'<line x1="{x(tick):.1f}" y1="{top}" x2="{x(tick):.1f}" '
                     f'y2="{top + size}" stroke="{GRID}"/>')
        parts.append(f'<line x1="{left}" y1="{y(tick):.1f}" x2="{left + size}" '
                     f'y2="{y(tick):.1f}" stroke="{GRID}"/>')
        parts.append(_text(x(tick), top + size + 16, persen(tick, 0), anchor="middle",
                           size=10, fill=MUTED))
        parts.append(_text(left - 6, y(tick) + 4, persen(tick, 0), anchor="end", size=10,
                           fill=MUTED))
    parts.append(f'<line x1="{x(0):.1f}" y1="{y(0):.1f}" x2="{x(scale):.1f}" '
                 f'y2="{y(scale):.1f}" stroke="{MUTED}" stroke-dasharray="5 4"/>')
    parts.append(_text(left + size / 2, height - 8, "Realisasi keuangan (% pagu)",
                       anchor="middle", size=11))
    parts.append(f'<text x="14" y="{top + size / 2}" font-size="11" text-anchor="middle" '
                 f'transform="rotate(-90 14 {top + size / 2})">Realisasi fisik (%)</text>')
    placed = [(x(min(d.keuangan, scale)), y(min(d.fisik, scale))) for d in dots]
    dot_boxes = [(cx - DOT_R, cy - DOT_R, cx + DOT_R, cy + DOT_R) for cx, cy in placed]
    bounds = (left, top, left + size, top + size)
    label_boxes: list[tuple[float, float, float, float]] = []
    for dot, (cx, cy) in zip(dots, placed):
        parts.append(
            f'<circle data-opd="{escape(dot.kode)}" data-keuangan="{dot.keuangan:.2f}" '
            f'data-fisik="{dot.fisik:.2f}" cx="{cx:.1f}" cy="{cy:.1f}" r="{DOT_R}" '
            f'fill="{LAMPU_WARNA[dot.lampu]}" stroke="#ffffff" stroke-width="1">'
            f'<title>{escape(dot.label)}: keuangan {persen(dot.keuangan)}, fisik '
            f'{persen(dot.fisik)}</title></circle>')
    for dot, (cx, cy) in zip(dots, placed):
        if dot.number is None:  # a dot no one needs to find by name
            continue
        text = str(dot.number)
        box, leader = place_label(cx, cy, _label_width(text, DOT_LABEL_SIZE), DOT_LABEL_SIZE,
                                  label_boxes + dot_boxes, bounds)
        label_boxes.append(box)
        if leader:
            parts.append(f'<line x1="{cx:.1f}" y1="{cy:.1f}" x2="{(box[0] + box[2]) / 2:.1f}" '
                         f'y2="{(box[1] + box[3]) / 2:.1f}" stroke="{MUTED}" '
                         f'stroke-width="0.6"/>')
        parts.append(
            f'<text data-label="{escape(dot.kode)}" data-box="{box[0]:.1f} {box[1]:.1f} '
            f'{box[2]:.1f} {box[3]:.1f}" x="{box[0]:.1f}" y="{box[3] - 2:.1f}" '
            f'font-size="{DOT_LABEL_SIZE}" fill="#212121">{escape(text)}</text>')
    parts.append("</svg>")
    return "\n".join(parts)


def place_label(cx: float, cy: float, w: float, h: float, taken: list, bounds: tuple
                ) -> tuple[tuple[float, float, float, float], bool]:
    """A box w x h near (cx, cy) that overlaps no box in taken and stays in bounds: the
    nearest of rings of places around the point (beside it first, above and below
    next). Returns the box and whether it is far enough to need a leader line."""
    gap = DOT_R + 2
    for ring in range(0, 12):
        reach = gap + ring * 6
        for dx, dy in ((1, 0), (-1, 0), (0, -1), (0, 1), (1, -1), (-1, -1), (1, 1), (-1, 1)):
            bx = cx + dx * reach - (w if dx < 0 else 0) - (w / 2 if dx == 0 else 0)
            by = cy + dy * reach - (h if dy < 0 else 0) - (h / 2 if dy == 0 else 0)
            box = (bx, by, bx + w, by + h)
            if (box[0] >= bounds[0] and box[1] >= bounds[1] and box[2] <= bounds[2]
                    and box[3] <= bounds[3] and not any(_overlap(box, o) for o in taken)):
                return box, ring > 1
    # crowded beyond every ring: a free place on a column outside the cluster
    bx, by = bounds[2] - w, bounds[1]
    while bx >= bounds[0] and any(_overlap((bx, by, bx + w, by + h), o) for o in taken):
        by += h + 1
        if by + h > bounds[3]:
            by, bx = bounds[1], bx - w - 4
    return (bx, by, bx + w, by + h), True


def _overlap(a: tuple, b: tuple) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _label_width(text: str, size: float) -> float:
    """Width of text in DejaVu Sans, generously: its glyphs average about 0.64 em."""
    return len(text) * size * 0.64 + 2


def wrap(text: str, limit: int) -> list[str]:
    """text on lines of at most limit characters, broken between words (a single word
    longer than limit keeps its own line, whole)."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= limit:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def _open(name: str, width: int, height: int, label: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" data-chart="{name}" role="img" '
            f'aria-label="{escape(label)}" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" font-family="{FONT}" font-size="12">'
            f'<title>{escape(label)}</title>')


def _text(x: float, y: float, text: str, *, anchor: str = "start", size: int = 12,
          fill: str = "#212121") -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size}" '
            f'fill="{fill}">{escape(text)}</text>')


def _y_grid(x0: float, x1: float, y, scale: float) -> list[str]:
    parts = []
    for tick in _ticks(scale):
        parts.append(f'<line x1="{x0}" y1="{y(tick):.1f}" x2="{x1}" y2="{y(tick):.1f}" '
                     f'stroke="{GRID}"/>')
        parts.append(_text(x0 - 6, y(tick) + 4, persen(tick, 0), anchor="end", size=10,
                           fill=MUTED))
    return parts


def _nice_ceiling(value: float) -> float:
    """The axis maximum: the next multiple of 10 (of 20 above 100) at or above value."""
    step = 10 if value <= 100 else 20
    return max(step, math.ceil(value / step) * step)


def _ticks(scale: float) -> list[float]:
    step = 20 if scale >= 100 else 10 if scale > 20 else 5
    return [step * i for i in range(int(round(scale / step)) + 1)]


