"""Shared by the test-material generators: archives that rebuild byte for byte."""
from __future__ import annotations

import datetime as dt
import io
import zipfile


def fixed_zip(data: bytes, when: dt.datetime) -> bytes:
    """The same archive (a .docx) with every member stamped ``when``, so a rebuild is byte-identical."""
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=when.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info.filename))
    return buf.getvalue()
