"""Availability answers rendered once per content, then only given their own BODID and creation time.

Storefronts ask for the same items again and again (WCS asks on every product page, facts section 3), and two
ShowInventoryAvailability answers with the same records differ only in their ApplicationArea: each answer
has a fresh BODID and CreationDateTime. `ShowTemplates.render(answer, envelope)` renders each distinct
(records, envelope style) once through `bods.codec.render`, with marker values in the ApplicationArea, keeps
the bytes before, between and after the two markers, and answers the next ones by putting the new
CreationDateTime and BODID where the markers were. The result is byte for byte what `codec.render` writes
for that answer (the tests compare both on varied answers); the records themselves are worked out from the
current stock for every request, so a changed figure makes a new template, never a stale answer.

Only values XML writes as they are (letters, digits, `-`, `:`, `.`) are placed this way. Anything else, an
answer with a ChangeStatus or a BusinessContext, or an envelope with credentials goes through
`codec.render`. At most `capacity` templates are kept; when full they are all dropped and rendered again.
"""

from __future__ import annotations

import re
import threading
import uuid
from dataclasses import replace

from bods import codec
from bods.messages import ApplicationArea, Envelope, InventoryAvailability, ShowInventoryAvailability

PLAIN = re.compile(r"[A-Za-z0-9:.\-]+\Z")
DEFAULT_CAPACITY = 4096

Key = tuple[tuple[InventoryAvailability, ...], Envelope]
Parts = tuple[bytes, bytes, bytes]


class ShowTemplates:
    def __init__(self, capacity: int = DEFAULT_CAPACITY) -> None:
        self.capacity = capacity
        marker = uuid.uuid4().hex
        self._creation_marker = f"creation-{marker}"
        self._bodid_marker = f"bodid-{marker}"
        self._templates: dict[Key, Parts | None] = {}
        self._lock = threading.Lock()

    def render(self, answer: ShowInventoryAvailability, envelope: Envelope) -> bytes:
        area = answer.application_area
        creation, bodid = area.creation_datetime, area.bodid
        if (
            answer.change_status is not None
            or area.context
            or envelope.security is not None
            or creation is None
            or bodid is None
            or not PLAIN.match(creation)
            or not PLAIN.match(bodid)
        ):
            return codec.render(answer, envelope=envelope)
        key = (answer.records, envelope)
        parts = self._templates.get(key)
        if parts is None:
            if key in self._templates:  # known not to split cleanly
                return codec.render(answer, envelope=envelope)
            parts = self._make(answer, envelope, key)
            if parts is None:
                return codec.render(answer, envelope=envelope)
        before, between, after = parts
        return b"".join((before, creation.encode(), between, bodid.encode(), after))

    def __len__(self) -> int:
        return len(self._templates)

    def _make(self, answer: ShowInventoryAvailability, envelope: Envelope, key: Key) -> Parts | None:
        marked = replace(answer, application_area=ApplicationArea(self._creation_marker, self._bodid_marker))
        rendered = codec.render(marked, envelope=envelope)
        creation, bodid = self._creation_marker.encode(), self._bodid_marker.encode()
        parts: Parts | None = None
        if rendered.count(creation) == 1 and rendered.count(bodid) == 1:
            before, rest = rendered.split(creation)
            if bodid in rest:
                between, after = rest.split(bodid)
                parts = (before, between, after)
        with self._lock:
            if len(self._templates) >= self.capacity:
                self._templates.clear()
            self._templates[key] = parts
        return parts
