"""An answer's text shown in its Chainlit message while the answerer produces it.

The answerer runs in a worker thread (it blocks on the model's HTTP stream); its pieces
cross to the event loop through a queue and go out with ``Message.stream_token``. Pieces
that arrive while one is being sent go out together, so a fast model costs fewer socket
messages. The caller then replaces the streamed text with the checked answer
(``Message.send`` ends the stream): what is streamed is provisional, what is sent is checked.
"""
from __future__ import annotations

import asyncio
import re
import threading

from assistant.ui import state

_END = object()
# What could still become a citation marker ("[1", "[") or the "!" of an image ("![…"): held
# back until the next piece, so that escaping each shown part gives what escaping the whole
# text would, and a marker never shows broken.
_OPEN_TAIL = re.compile(r"!?(?:\[\d*)?\Z")


def split_stable(text: str) -> tuple[str, str]:
    """(the part of ``text`` that can be shown now, the tail held back)."""
    at = _OPEN_TAIL.search(text).start()
    return text[:at], text[at:]


class _Stopped(Exception):
    """The question's task was cancelled (the user pressed stop): the answerer stops reading."""


async def ask(question: str, history: list[str], msg, escape):
    """The Answer to ``question`` (as ``state.ask``); when the answerer streams, each piece
    is shown in ``msg`` as it comes, passed through ``escape`` (the model's raw Markdown is
    never shown live)."""
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue = asyncio.Queue()
    stop = threading.Event()

    def put(piece) -> None:
        if stop.is_set():
            raise _Stopped  # closes the model's stream, and frees the answer lock
        loop.call_soon_threadsafe(queue.put_nowait, piece)

    def produce():
        try:
            return state.ask_streaming(question, history, put)
        finally:
            loop.call_soon_threadsafe(queue.put_nowait, _END)

    worker = asyncio.ensure_future(asyncio.to_thread(produce))
    worker.add_done_callback(lambda f: f.cancelled() or f.exception())  # read even when abandoned
    try:
        ended, held = False, ""
        while not ended:
            pieces = [await queue.get()]
            while not queue.empty():
                pieces.append(queue.get_nowait())
            ended = pieces[-1] is _END
            text, held = split_stable(held + "".join(p for p in pieces if p is not _END))
            if text:
                await msg.stream_token(escape(text))
        return await worker
    finally:
        stop.set()


async def abandon(msg) -> None:
    """Take back a message whose streamed text will not be finished (an error is sent instead)."""
    if msg.streaming:
        await msg.remove()
