"""Flag planned dates in quotes that are already past ("Renouvellement prévu en juin 2021")."""
from __future__ import annotations

import datetime as dt
import re

_MONTHS = {"janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
           "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12}
_PLANNED = re.compile(
    r"(?P<what>[^.;]*?\b(?:prévue?s?|prévus|envisagée?s?|à l['’]étude|courant)\b[^.;\d]*?)"
    r"(?:(?P<month>" + "|".join(_MONTHS) + r")\s+)?(?P<year>(?:19|20)\d{2})",
    re.IGNORECASE,
)


_CUE = re.compile(r"prévu|envisag|à l['’]étude|courant", re.IGNORECASE)


def past_planned_dates(text: str, today: dt.date) -> list[str]:
    """Planned dates mentioned in text that lie before today, as written ('juin 2021')."""
    out = []
    if not _CUE.search(text):
        return out
    for m in _PLANNED.finditer(text):
        year = int(m.group("year"))
        month = _MONTHS.get((m.group("month") or "").lower(), 12)
        if (year, month) < (today.year, today.month):
            out.append(f"{m.group('month')} {year}" if m.group("month") else str(year))
    return out


def staleness_note(quotes: list[str], today: dt.date, lang: str = "fr") -> str | None:
    dates = []
    for q in quotes:
        for d in past_planned_dates(q, today):
            if d not in dates:
                dates.append(d)
    if not dates:
        return None
    listed = ", ".join(dates)
    if lang == "en":
        return f"Note: the source mentions a planned date that has passed ({listed}); it may be out of date."
    return f"À noter : la source mentionne une échéance prévue déjà passée ({listed}) ; l'information peut être périmée."
