"""Browser helpers for the UI tests: open a page, ask like a person, open a passage,
attach a file (imported by the test modules; not a conftest)."""
from __future__ import annotations

import re
import time
from pathlib import Path
from urllib.parse import urlparse

try:
    from conftest_ui import SCREENSHOTS
except ImportError:  # pytest --import-mode=importlib
    from tests.conftest_ui import SCREENSHOTS

LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
ASSISTANT = ".step[data-step-type=assistant_message]"
USER = ".step[data-step-type=user_message]"
PANEL = "#side-view-content"


def open_page(browser, url: str, viewport: dict | None = None):
    context = browser.new_context(viewport=viewport or {"width": 1280, "height": 900}, locale="fr-FR")
    pg = context.new_page()
    pg.set_default_timeout(60000)  # generous: CI machines are shared; speed is measured by `make bench`
    pg.requests = []  # every URL the page asked for
    pg.on("request", lambda r: pg.requests.append(r.url))
    pg.goto(url)
    pg.wait_for_selector("#chat-input")
    pg.wait_for_function("() => window.__dareicUi === true")  # public/dareic.js is running
    # Chainlit ignores Enter and the file picker until its socket is connected (the controls
    # are disabled, "#upload-button-loading"); a person waits for them, so do the tests.
    pg.wait_for_selector("#upload-button")
    return context, pg


def shot(page, name: str) -> None:
    page.wait_for_timeout(300)  # panel slide-in, images
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def ask(page, question: str, wait_for: tuple[str, ...] = (), replies: int = 1) -> float:
    """Type the question like a person and press Enter; seconds until the answer is complete."""
    n = page.locator(ASSISTANT).count()
    page.click("#chat-input")
    page.keyboard.type(question)
    # Enter does nothing while the chat is disconnected or busy: wait for the send button.
    page.wait_for_selector("#chat-submit:enabled")
    t0 = time.perf_counter()
    page.keyboard.press("Enter")
    page.wait_for_function(f"n => document.querySelectorAll({ASSISTANT!r}).length >= n", arg=n + replies)
    last = page.locator(ASSISTANT).last
    for text in wait_for:
        page.wait_for_function(
            "([sel, t]) => { const m = document.querySelectorAll(sel); return m.length && m[m.length - 1].innerText.includes(t); }",
            arg=[ASSISTANT, text])
    if re.search(r"\[(\d+|[A-Z])\]", last.inner_text()):  # complete means: passage links are there too
        last.locator("a.element-link").first.wait_for()
    return time.perf_counter() - t0


def open_passage(page, name: str):
    page.locator(ASSISTANT).last.locator("a.element-link", has_text=name).first.click()
    panel = page.locator(PANEL)
    panel.wait_for()
    return panel


def external_requests(urls: list[str]) -> list[str]:
    return [u for u in urls if urlparse(u).scheme not in {"data", "blob", "about"}
            and urlparse(u).hostname not in LOCAL_HOSTS]


def attach(page, path: Path) -> None:
    """Attach a file like a person (the file picker) and wait until the server has it. Right
    after the page loads, the chat session may not exist yet on the server ("Session not
    found", said in French by the page): like a person, try again a moment later."""
    for _ in range(20):
        with page.expect_response(lambda r: r.url.split("?")[0].endswith("/project/file")
                                  and r.request.method == "POST") as uploaded:
            page.locator("input[type=file]").first.set_input_files(str(path))
        if uploaded.value.status == 200:
            break
        assert uploaded.value.status == 404 and "Session not found" in uploaded.value.text(), \
            (uploaded.value.status, uploaded.value.text())
        page.wait_for_timeout(500)
    assert uploaded.value.status == 200, "the chat session never started"
    page.wait_for_selector(f"text={path.name}")


def assistant_texts(page) -> list[str]:
    return [page.locator(ASSISTANT).nth(i).inner_text() for i in range(page.locator(ASSISTANT).count())]
