"""The provenance section of the HTML brief: the derivation graph and each derivation's evidence.

Kept apart from render_html so the page module stays one concern: page layout. Every string from
an article goes through html.escape.
"""

from __future__ import annotations

import html

from ..model import Brief, Derivation
from .render_graph import derivation_svg


def _names(names: dict[str, str], ids: tuple[str, ...]) -> str:
    return ", ".join(html.escape(names.get(i, i)) for i in ids)


def _edge(d: Derivation, names: dict[str, str]) -> str:
    a, b = html.escape(names.get(d.source, d.source)), html.escape(names.get(d.target, d.target))
    link = f"{b} derives from {a}" if d.directed else f"{a} and {b} share an origin or copy"
    evidence = "".join(f"<li>{html.escape(e)}</li>" for e in d.evidence)
    return (
        f'<li><strong>{link}</strong> <span class="meta">· score {d.score:.2f}</span>'
        f'<ul class="evidence">{evidence}</ul></li>'
    )


def provenance_section(brief: Brief, names: dict[str, str]) -> str:
    """<section id="provenance">: groups in words, the SVG graph, and the evidence per edge."""
    groups = [g for g in brief.groups if len(g) > 1]
    if groups:
        lines = "".join(f"<li>{_names(names, g)}</li>" for g in groups)
        intro = (
            "<p>Articles in one group derive from each other; corroboration counts each group "
            f"once.</p><ul>{lines}</ul>"
        )
    else:
        intro = "<p>No article derives from another: every source counts as independent.</p>"
    edges = "".join(_edge(d, names) for d in brief.derivations)
    listing = f'<ul class="items">{edges}</ul>' if edges else ""
    figure = f'<figure class="graph">{derivation_svg(brief)}</figure>'
    count = f" <small>({len(brief.derivations)})</small>"
    return (
        f'<section id="provenance">\n<h2>Provenance{count}</h2>\n'
        f"{intro}\n{figure}\n{listing}\n</section>"
    )
