"""The derivation graph as a self-contained SVG: who copied whom, and the independence groups.

Server-side and deterministic: no script, no external font or stylesheet, and the same brief
always draws the same picture (articles on a circle, grouped so each independence group sits
together, in the brief's article order). It scales to the container (`width="100%"` with a
viewBox), so it stays readable at phone width. Every piece of article text is escaped.
"""

from __future__ import annotations

import math
from xml.sax.saxutils import escape, quoteattr

from ..model import Brief, Derivation

WIDTH = 520
HEIGHT = 420
RADIUS = 150  # of the layout circle; with WIDTH, leaves room for a centred MAX_LABEL label
NODE = 16  # node radius
MAX_LABEL = 22  # characters; longer outlet names are cut with an ellipsis (full name in <title>)
# Colour-blind-safe palette (Okabe-Ito); groups beyond it reuse colours, their labels still differ.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999")


def _order(brief: Brief) -> list[tuple[str, int]]:
    """(article id, group index) with each group's members next to each other."""
    group = {a.id: brief.group_of(a.id) for a in brief.articles}
    first_seen: dict[int, int] = {}
    solo = len(brief.groups)
    keyed = []
    for pos, a in enumerate(brief.articles):
        g = group[a.id]
        if g is None:  # not in any group: its own
            g, solo = solo, solo + 1
        first_seen.setdefault(g, pos)
        keyed.append((first_seen[g], pos, a.id, g))
    keyed.sort()
    return [(aid, g) for _, _, aid, g in keyed]


def _positions(ids: list[str]) -> dict[str, tuple[float, float]]:
    cx, cy = WIDTH / 2, HEIGHT / 2
    if len(ids) == 1:
        return {ids[0]: (cx, cy)}
    out = {}
    for k, aid in enumerate(ids):
        angle = -math.pi / 2 + 2 * math.pi * k / len(ids)  # first article at the top
        out[aid] = (cx + RADIUS * math.cos(angle), cy + RADIUS * math.sin(angle))
    return out


def _label(text: str) -> str:
    return text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1] + "…"


def _node(aid: str, label: str, group: int, x: float, y: float) -> str:
    colour = PALETTE[group % len(PALETTE)]
    # Labels are centred above (upper half) or below (lower half) their node: labels beside a
    # node ran past the drawing's edge for outlets on the left and right.
    dy = y - HEIGHT / 2
    lx, ly, anchor = x, (y - (NODE + 6) if dy < 0 else y + NODE + 16), "middle"
    return (
        f'<g class="node" data-article={quoteattr(aid)} data-group="{group}">'
        f"<title>{escape(label)} (group {group + 1})</title>"
        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{NODE}" fill="{colour}" stroke="#222"/>'
        f'<text x="{x:.1f}" y="{y + 4:.1f}" text-anchor="middle" fill="#fff" '
        f'font-size="11">{group + 1}</text>'
        f'<text x="{lx:.1f}" y="{ly:.1f}" text-anchor="{anchor}" font-size="13" '
        f'stroke="#fff" stroke-width="3" paint-order="stroke">'
        f"{escape(_label(label))}</text></g>"
    )


def _edge(d: Derivation, pos: dict[str, tuple[float, float]]) -> str:
    (x1, y1), (x2, y2) = pos[d.source], pos[d.target]
    length = math.hypot(x2 - x1, y2 - y1) or 1.0
    ux, uy = (x2 - x1) / length, (y2 - y1) / length
    # Stop at the node's rim, so the arrowhead touches the circle instead of hiding under it.
    ax, ay = x1 + ux * NODE, y1 + uy * NODE
    bx, by = x2 - ux * (NODE + 2), y2 - uy * (NODE + 2)
    kind = "directed" if d.directed else "undirected"
    arrow = ' marker-end="url(#sd-arrow)"' if d.directed else ""
    mx, my = (ax + bx) / 2, (ay + by) / 2
    title = f"{d.source} {'→' if d.directed else '–'} {d.target}: " + "; ".join(d.evidence)
    return (
        f'<g class="edge {kind}"><title>{escape(title)}</title>'
        f'<line x1="{ax:.1f}" y1="{ay:.1f}" x2="{bx:.1f}" y2="{by:.1f}" stroke="#444" '
        f'stroke-width="{1 + 2 * d.score:.1f}"{arrow}/>'
        f'<text x="{mx:.1f}" y="{my - 4:.1f}" text-anchor="middle" font-size="12" '
        f'fill="#000" stroke="#fff" stroke-width="3" paint-order="stroke">{d.score:.2f}</text></g>'
    )


def derivation_svg(brief: Brief) -> str:
    """The brief's derivations and independence groups as one standalone <svg> element."""
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="100%" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-labelledby="sd-graph-title" font-family="sans-serif">'
        '<title id="sd-graph-title">Which articles derive from which; colours are independence '
        "groups, arrows point from origin to copy</title>"
        '<defs><marker id="sd-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#444"/>'
        "</marker></defs>"
    )
    if not brief.articles:
        msg = f'<text x="{WIDTH / 2}" y="{HEIGHT / 2}" text-anchor="middle">No articles</text>'
        return head + msg + "</svg>"
    order = _order(brief)
    pos = _positions([aid for aid, _ in order])
    edges = [_edge(d, pos) for d in brief.derivations if d.source in pos and d.target in pos]
    nodes = [
        _node(aid, brief.article(aid).label, g, *pos[aid]) for aid, g in order
    ]  # drawn after the edges, so circles sit on top of line ends
    return head + "".join(edges) + "".join(nodes) + "</svg>"
