"""Wire date-times: DOM writes ISO 8601 in UTC with milliseconds and a `Z` (facts section 2,
`oa:CreationDateTime`), and the clock port hands out epoch seconds. These two helpers convert between them.
"""

from __future__ import annotations

from datetime import UTC, date, datetime


def iso_datetime(epoch: float) -> str:
    """`2024-05-01T10:00:00.000Z` for an epoch second value."""
    moment = datetime.fromtimestamp(epoch, tz=UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def parse_datetime(text: str) -> float:
    """Epoch seconds for an ISO 8601 date-time or date ("2024-05-08", "2024-05-08Z", "...T10:00:00.5Z").

    Naive values are read as UTC, as DOM means them. Raises ValueError for anything else.
    """
    value = text.strip()
    if value.endswith(("Z", "z")):
        value = value[:-1] + "+00:00"
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        moment = datetime.combine(date.fromisoformat(value.split("+")[0]), datetime.min.time())
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp()
