"""Node sizes and positions computed with networkx, so big graphs open without browser physics.

Each connected component is laid out on its own and the components are packed in rows, largest
first: a force layout of the whole graph would fling the many small components to the edges.
A component too big for networkx's dense spring layout (which needs no scipy below 500 nodes)
gets its best-connected nodes laid out as a backbone; every other node is then placed beside its
already-placed neighbours, in breadth-first order.
"""

from __future__ import annotations

import math
import random
from collections.abc import Hashable, Iterable

import networkx as nx

BACKBONE = 400  # nodes laid out by force; the rest are placed next to their neighbours
SPACING = 26.0  # pixels per sqrt(node): sets the density of the drawing
Position = tuple[float, float]


def degrees(edges: Iterable[tuple[Hashable, Hashable]], nodes: Iterable[Hashable]) -> dict[Hashable, int]:
    """Number of events each node takes part in (as subject or object)."""
    g = nx.MultiGraph()
    g.add_nodes_from(nodes)
    g.add_edges_from(edges)
    return dict(g.degree())


def node_values(degree: dict[Hashable, int]) -> dict[Hashable, float]:
    """vis-network ``value`` (node and label size) from degree, on a square-root scale so hubs do
    not swamp the picture."""
    return {n: round(math.sqrt(d), 2) for n, d in degree.items()}


def positions(edges: Iterable[tuple[Hashable, Hashable]], nodes: Iterable[Hashable],
              seed: int = 7) -> dict[Hashable, Position]:
    """Deterministic 2-D positions in pixels for every node."""
    g = nx.Graph()
    g.add_nodes_from(nodes)
    g.add_edges_from((a, b) for a, b in edges if a != b)
    comps = sorted((sorted(c, key=str) for c in nx.connected_components(g)),
                   key=lambda c: (-len(c), str(c[0])))
    placed = [_component(g.subgraph(c), seed) for c in comps]
    return _pack(placed)


def _component(g: nx.Graph, seed: int) -> dict[Hashable, Position]:
    n = g.number_of_nodes()
    if n == 1:
        return {next(iter(g)): (0.0, 0.0)}
    radius = SPACING * math.sqrt(n)
    if n <= BACKBONE:
        pos = nx.spring_layout(g, seed=seed, scale=radius)
        return {k: (float(x), float(y)) for k, (x, y) in pos.items()}
    return _backbone_layout(g, seed, radius)


def _backbone_layout(g: nx.Graph, seed: int, radius: float) -> dict[Hashable, Position]:
    ranked = sorted(g.degree(), key=lambda nd: (-nd[1], str(nd[0])))
    core = g.subgraph([node for node, _ in ranked[:BACKBONE]])
    pos = {k: (float(x), float(y)) for k, (x, y) in nx.spring_layout(core, seed=seed, scale=radius).items()}
    rng = random.Random(seed)
    step = SPACING * 1.2
    frontier = list(pos)
    while frontier:
        nxt = []
        for node in frontier:
            for nb in sorted(g[node], key=str):
                if nb in pos:
                    continue
                anchors = [pos[m] for m in g[nb] if m in pos]
                cx = sum(p[0] for p in anchors) / len(anchors)
                cy = sum(p[1] for p in anchors) / len(anchors)
                angle, dist = rng.uniform(0, 2 * math.pi), step * rng.uniform(0.6, 1.6)
                pos[nb] = (cx + dist * math.cos(angle), cy + dist * math.sin(angle))
                nxt.append(nb)
        frontier = nxt
    return pos


def _pack(parts: list[dict[Hashable, Position]]) -> dict[Hashable, Position]:
    """Place components left to right in rows, for a drawing about as wide as a screen (16:10)."""
    out: dict[Hashable, Position] = {}
    boxes = [_bbox(p) for p in parts]
    area = sum((b[2] - b[0] + SPACING) * (b[3] - b[1] + SPACING) for b in boxes)
    row_width = max(max((b[2] - b[0] for b in boxes), default=0.0) + SPACING, math.sqrt(area * 1.6))
    x = y = row_height = 0.0
    for part, (x0, y0, x1, y1) in zip(parts, boxes, strict=True):
        w, h = x1 - x0 + SPACING, y1 - y0 + SPACING
        if x > 0 and x + w > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        for node, (px, py) in part.items():
            out[node] = (round(px - x0 + x, 1), round(py - y0 + y, 1))
        x += w
        row_height = max(row_height, h)
    return out


def _bbox(pos: dict[Hashable, Position]) -> tuple[float, float, float, float]:
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    return min(xs), min(ys), max(xs), max(ys)
