"""The original of a cited PDF, served by the UI itself (nothing from a CDN).

Two routes, behind Chainlit's login like the rest of the app:

- ``/dareic/source/<name>``: the PDF file; the browser's own viewer opens it at
  ``#page=N``.
- ``/dareic/source/<name>/page/<N>.png?q=<quote>``: page N as an image with the
  lines of the quote highlighted, shown in the side panel under the passage.

A document is looked up by its name in the current index's manifest, never by a
path taken from the request, and it must lie in one of the ingested folders.
"""
from __future__ import annotations

import io
import logging
from functools import lru_cache
from pathlib import Path
from typing import Callable
from urllib.parse import quote as urlquote

from assistant.textnorm import match_key

log = logging.getLogger("dareic.ui")

ROUTE = "/dareic/source"
MAX_QUOTE_CHARS = 600  # in the image URL: enough to find the quote on its page
RESOLUTION = 150  # dpi of the page image: sharp on a high-density screen, a band is ~1000 pixels wide
PDF_CSP = "default-src 'none'; object-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'none'"


def is_pdf(source: str) -> bool:
    return source.lower().endswith(".pdf")


def file_url(source: str, page: int | None = None) -> str:
    return f"{ROUTE}/{urlquote(source, safe='')}" + (f"#page={int(page)}" if page else "")


def page_image_url(source: str, page: int, quote: str) -> str:
    q = " ".join((quote or "").split())[:MAX_QUOTE_CHARS]
    return f"{ROUTE}/{urlquote(source, safe='')}/page/{int(page)}.png?q={urlquote(q, safe='')}"


def quote_lines(lines: list[str], quote: str, probe: int = 40) -> list[int]:
    """Indices of the page's text lines that hold the quote.

    Compared on ``match_key`` (no accents, case, spaces or hyphens), so line breaks and
    words hyphenated across lines do not matter. A quote that goes on to the next page
    is found by its beginning; one that started on the previous page, by its end."""
    keys = [match_key(t) for t in lines]
    text = "".join(keys)
    q = match_key(quote or "")
    if len(q) < 4 or not text:
        return []
    start = text.find(q)
    if start >= 0:
        end = start + len(q)
    elif len(q) > probe:
        head, tail = text.find(q[:probe]), text.rfind(q[-probe:])
        if head >= 0:
            start = head
            end = tail + probe if tail >= head else min(len(text), head + len(q))
        elif tail >= 0:
            start, end = max(0, tail + probe - len(q)), tail + probe
        else:
            return []
    else:
        return []
    out, pos = [], 0
    for i, k in enumerate(keys):
        if k and pos < end and pos + len(k) > start:
            out.append(i)
        pos += len(k)
    return out


def band(lines: list[dict], marks: list[dict], page_box: tuple[float, float, float, float],
         ratio: float = 16 / 9, margin: float = 12.0) -> tuple[float, float, float, float]:
    """The part of the page to show: the width of its text, and a 16:9 band (the side panel's
    image frame) centred on the highlighted lines, taller when they need more."""
    px0, ptop, px1, pbottom = page_box
    if not lines:
        return page_box
    x0 = max(px0, min(ln["x0"] for ln in lines) - margin)
    x1 = min(px1, max(ln["x1"] for ln in lines) + margin)
    if not marks:
        return (x0, ptop, x1, pbottom)
    top, bottom = min(m["top"] for m in marks), max(m["bottom"] for m in marks)
    height = min(pbottom - ptop, max((x1 - x0) / ratio, bottom - top + 2 * margin))
    y0 = min(max(ptop, (top + bottom) / 2 - height / 2), pbottom - height)
    return (x0, y0, x1, y0 + height)


@lru_cache(maxsize=64)
def _render(path: str, mtime: float, page_no: int, quote: str) -> bytes:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        if not 1 <= page_no <= len(pdf.pages):
            raise LookupError(f"page {page_no} not in 1..{len(pdf.pages)}")
        page = pdf.pages[page_no - 1]
        lines = page.extract_text_lines(return_chars=False)
        marks = [lines[i] for i in quote_lines([ln["text"] for ln in lines], quote)]
        view = page.crop(band(lines, marks, page.bbox), strict=False)
        image = view.to_image(resolution=RESOLUTION)
        if marks:
            image.draw_rects([(ln["x0"] - 2, ln["top"] - 2, ln["x1"] + 2, ln["bottom"] + 2) for ln in marks],
                             fill=(255, 213, 0, 80), stroke=(214, 158, 0), stroke_width=1)
        buf = io.BytesIO()
        image.save(buf, format="PNG")
        return buf.getvalue()


def render_page(path: Path, page_no: int, quote: str = "") -> bytes:
    """PNG of one page of a PDF, the quote's lines highlighted (cached by file, page and quote)."""
    return _render(str(path), Path(path).stat().st_mtime, int(page_no), quote or "")


def resolve(name: str, files: dict, folders: list[Path]) -> Path | None:
    """The file of a document of the index, if it is a PDF inside one of ``folders``."""
    meta = files.get(name) if isinstance(files, dict) else None
    if not meta or not is_pdf(name) or not meta.get("path"):
        return None
    path = Path(meta["path"]).resolve()
    inside = any(path.is_relative_to(Path(f).resolve()) for f in folders)
    return path if inside and path.is_file() else None


def install(lookup: Callable[[str], Path | None]) -> None:
    """Add the two routes to Chainlit's FastAPI app, ahead of its catch-all page route.

    ``lookup(name)`` (blocking) returns the PDF of a document of the index, or None."""
    import asyncio

    from chainlit.auth import get_current_user
    from chainlit.server import app
    from fastapi import APIRouter, Depends, HTTPException
    from fastapi.responses import FileResponse, Response

    if getattr(app.state, "dareic_sources", False):
        return
    router = APIRouter()

    async def find(name: str) -> Path:
        path = await asyncio.to_thread(lookup, name)
        if path is None:
            raise HTTPException(status_code=404, detail="Document introuvable")
        return path

    @router.get(ROUTE + "/{name}")
    async def original(name: str, user=Depends(get_current_user)):
        path = await find(name)
        # The page's CSP has object-src 'none', which would keep the browser's PDF viewer out.
        return FileResponse(path, media_type="application/pdf", content_disposition_type="inline", filename=name,
                            headers={"Content-Security-Policy": PDF_CSP})

    @router.get(ROUTE + "/{name}/page/{page:int}.png")
    async def page_image(name: str, page: int, q: str = "", user=Depends(get_current_user)):
        path = await find(name)
        try:
            png = await asyncio.to_thread(render_page, path, page, q[:MAX_QUOTE_CHARS])
        except LookupError:
            raise HTTPException(status_code=404, detail="Page introuvable") from None
        except Exception as exc:  # a PDF that cannot be drawn: the passage above still shows
            log.warning("page %s of %s could not be drawn: %s", page, name, type(exc).__name__)
            raise HTTPException(status_code=404, detail="Page impossible à afficher") from None
        return Response(png, media_type="image/png", headers={"Cache-Control": "private, max-age=3600"})

    before = list(app.router.routes)
    app.include_router(router)
    # Chainlit answers every unknown path with its page ("/{full_path:path}"): ours go first.
    ours = [r for r in app.router.routes if not any(r is b for b in before)]
    app.router.routes[:] = ours + before
    app.state.dareic_sources = True
