"""Ruled tables of a PDF page: cells from ruling lines and rectangles (pdfplumber's table
geometry), rows of cells, and the test that tells a label table (short labels left of long
structured content) from a data table. Pure functions over rectangles and glyphs."""
from __future__ import annotations

from assistant.ingest.formats.pdf_layout import Glyph


def edges_of(rects: list[tuple[float, float, float, float]], min_len: float = 3.0) -> list[dict]:
    """Horizontal and vertical edges (pdfplumber's edge dicts) of ruling lines and rectangles
    given as (x0, top, x1, bottom)."""
    out = []
    for x0, top, x1, bottom in rects:
        w, h = x1 - x0, bottom - top
        if h <= 2 and w >= min_len:  # a horizontal rule
            out.append({"x0": x0, "x1": x1, "top": top, "bottom": top, "width": w, "height": 0, "orientation": "h"})
        elif w <= 2 and h >= min_len:  # a vertical rule
            out.append({"x0": x0, "x1": x0, "top": top, "bottom": bottom, "width": 0, "height": h, "orientation": "v"})
        elif w >= min_len and h >= min_len:  # a box: its four sides
            for y in (top, bottom):
                out.append({"x0": x0, "x1": x1, "top": y, "bottom": y, "width": w, "height": 0, "orientation": "h"})
            for x in (x0, x1):
                out.append({"x0": x, "x1": x, "top": top, "bottom": bottom, "width": 0, "height": h, "orientation": "v"})
    return out


def close_open_rows(edges: list[dict], tol: float = 3.0) -> list[dict]:
    """A row split across pages is often drawn without its rule at the page break: where two
    or more column rules end at the same height with no horizontal rule there, add one."""
    horiz = [e for e in edges if e["orientation"] == "h"]
    added = []
    for end in ("top", "bottom"):
        groups: dict[float, list[float]] = {}
        for e in edges:
            if e["orientation"] == "v":
                key = next((k for k in groups if abs(k - e[end]) <= tol), e[end])
                groups.setdefault(key, []).append(e["x0"])
        for y, xs in groups.items():
            lo, hi = min(xs), max(xs)
            if len(xs) >= 2 and not any(abs(h["top"] - y) <= tol and h["x0"] <= lo + tol and h["x1"] >= hi - tol
                                        for h in horiz + added):
                added.append({"x0": lo, "x1": hi, "top": y, "bottom": y, "width": hi - lo, "height": 0,
                              "orientation": "h"})
    return edges + added


def ruled_tables(rects: list[tuple[float, float, float, float]]) -> list[list[tuple[float, float, float, float]]]:
    """Cells (x0, top, x1, bottom) of each ruled table, top to bottom; a single box is no table."""
    if len(rects) < 2:
        return []
    from pdfplumber.table import cells_to_tables, edges_to_intersections, intersections_to_cells, merge_edges

    edges = close_open_rows(merge_edges(edges_of(rects), 3, 3, 3, 3))
    cells = intersections_to_cells(edges_to_intersections(edges, 3, 3))
    return [t for t in cells_to_tables(cells) if len(t) >= 2]


def grid(cells: list[tuple[float, float, float, float]]) -> list[list[tuple[float, float, float, float]]]:
    """Cells grouped into rows (same top), each row left to right."""
    rows: dict[float, list] = {}
    for c in cells:
        key = next((k for k in rows if abs(k - c[1]) <= 2), c[1])
        rows.setdefault(key, []).append(c)
    return [sorted(rows[k]) for k in sorted(rows)]


def inside(g: Glyph, box: tuple[float, float, float, float]) -> bool:
    cx, cy = (g.x0 + g.x1) / 2, (g.top + g.bottom) / 2
    return box[0] <= cx <= box[2] and box[1] <= cy <= box[3]


def is_label_table(rows: list[list[str]]) -> bool:
    """Two columns, short labels on the left, long structured content on the right."""
    two = [r for r in rows if len(r) == 2]
    if len(two) < max(1, len(rows) - 1) or not two:
        return False
    left = [r[0] for r in two if r[0].strip()]
    right = [r[1] for r in two if r[1].strip()]
    if not left or not right:
        return False
    mean_l = sum(map(len, left)) / len(left)
    mean_r = sum(map(len, right)) / len(right)
    return max(map(len, left)) <= 80 and mean_l <= 45 and mean_r >= max(80, 3 * mean_l)
