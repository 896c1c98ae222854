"""The report's chart: remediation per commune as stacked horizontal bars, a PNG.

matplotlib is imported here, lazily, with the Agg backend and no pyplot (no global
figure state, no display). Same data, same bytes: the font is matplotlib's own DejaVu
Sans (covers Vietnamese, and does not depend on the fonts a machine happens to have),
and the PNG carries no software or date metadata.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from ..statuses import OUTCOMES

EMU_PER_INCH = 914400
WIDTH_IN = 6.3  # 16 cm: the text width of an A4 page with Decree 30 margins
DPI = 200
CHART_NAME = "cchc-chart"  # wp:docPr name of the template's picture that the chart replaces
SERIES = tuple(zip(  # label, colour, hatch: distinguishable in colour and in a black-and-white print
    OUTCOMES, ("#2e7d32", "#f9a825", "#c62828", "#bdbdbd"), ("", "//", "xx", "..")))


def _font():
    import matplotlib
    from matplotlib.font_manager import FontProperties

    path = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"
    return FontProperties(fname=str(path), size=8)


def remediation_chart(bars: list[tuple]) -> tuple[bytes, float, float]:
    """(png, width in inches, height in inches) for bars (name, remedied, in progress,
    not remedied, not reported); the first bar is drawn at the top."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    font = _font()
    height = round(1.1 + 0.24 * max(len(bars), 1), 2)
    fig = Figure(figsize=(WIDTH_IN, height), dpi=DPI, layout="constrained")
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    names = [b[0] for b in bars][::-1]
    left = [0] * len(bars)
    present = [k for k in range(len(SERIES)) if any(b[1 + k] for b in bars)] or [0]
    for k in present:
        label, colour, hatch = SERIES[k]
        values = [b[1 + k] for b in bars][::-1]
        ax.barh(range(len(bars)), values, left=left, color=colour, hatch=hatch, edgecolor="white",
                linewidth=0.4, label=label, height=0.7)
        left = [a + v for a, v in zip(left, values)]
    ax.set_yticks(range(len(bars)), names, fontproperties=font)
    ax.set_ylim(-0.6, len(bars) - 0.4)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    for tick in ax.get_xticklabels():
        tick.set_fontproperties(font)
    ax.set_xlabel("Số tồn tại, hạn chế", fontproperties=font)
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(axis="x", linewidth=0.3, color="#999999")
    ax.set_axisbelow(True)
    fig.legend(loc="outside lower center", ncols=len(present), prop=font, frameon=False)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI, metadata={"Software": None})
    return buf.getvalue(), WIDTH_IN, height


def extent(width_in: float, height_in: float) -> tuple[int, int]:
    """Size of the picture in the document, in EMU."""
    return round(width_in * EMU_PER_INCH), round(height_in * EMU_PER_INCH)


_DOCPR = re.compile(r'<wp:docPr\b[^>]*\bname="(?P<name>[^"]*)"')
_EMBED = re.compile(r'r:embed="(?P<id>[^"]+)"')


def replace_picture(parts: dict[str, bytes], name: str, png: bytes) -> dict[str, bytes]:
    """Put `png` in place of the picture the template names `name` (its wp:docPr),
    wherever Word has renamed the media part. Unchanged when the template has none."""
    doc = parts["word/document.xml"].decode("utf-8")
    for m in _DOCPR.finditer(doc):
        if m.group("name") != name:
            continue
        embed = _EMBED.search(doc, m.end())
        if not embed:
            break
        rels = parts["word/_rels/document.xml.rels"].decode("utf-8")
        rel = re.search(rf'<Relationship\b[^>]*\bId="{re.escape(embed.group("id"))}"[^>]*>', rels)
        target = re.search(r'\bTarget="([^"]+)"', rel.group(0)) if rel else None
        if target:
            path = target.group(1).lstrip("/") if target.group(1).startswith("/") else "word/" + target.group(1)
            out = dict(parts)
            out[path] = png
            return out
        break
    return parts
