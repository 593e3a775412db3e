"""Queries already parsed and validated, kept so a lookup sent again verbatim is not parsed again.

A GetInventoryAvailability carries no BODID and no timestamp (its ApplicationArea holds only the business
context), so a storefront asking about the same item sends the same bytes every time, and a busy item is
asked about over and over. Parsing, validating and decoding are a pure function of those bytes, and the
decoded `Document` is a frozen dataclass that threads can share: the answer to the same bytes is the one
already computed. This keeps libxml2, and the GIL hand-overs each of its passes costs, out of the hot path.

Only queries are kept: transactional BODs carry a fresh BODID each time and would only push the queries out.
Refused documents are never kept, so their error answers are worked out afresh every time.
"""

from __future__ import annotations

import threading

from bods import codec
from bods.messages import Document, GetInventoryAvailability
from bods.xmlsafety import DEFAULT_MAX_BYTES

QUERY_TYPES = (GetInventoryAvailability,)
DEFAULT_CAPACITY = 4096  # distinct queries kept: a whole seeded catalog times the usual store variants
LARGEST_KEPT = 16_384  # bytes; a query is ~1.5 KB, anything far larger is not a storefront lookup


class QueryMemo:
    """`parse` with the same contract as `codec.parse`, remembering the queries it accepted."""

    def __init__(self, capacity: int = DEFAULT_CAPACITY, largest: int = LARGEST_KEPT) -> None:
        self.capacity = capacity
        self.largest = largest
        self._documents: dict[bytes, Document] = {}
        self._lock = threading.Lock()  # for inserts only: a lookup is one dict read

    def __len__(self) -> int:
        return len(self._documents)

    def parse(self, data: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES, validate: bool = True) -> Document:
        """The decoded document, from memory when these exact bytes were accepted before."""
        if not validate:
            return codec.parse(data, max_bytes=max_bytes, validate=False)
        known = self._documents.get(data)
        if known is not None and len(data) <= max_bytes:  # the limit is the caller's, checked every time
            return known
        document = codec.parse(data, max_bytes=max_bytes)
        if isinstance(document.bod, QUERY_TYPES) and len(data) <= self.largest:
            self._keep(data, document)
        return document

    def _keep(self, data: bytes, document: Document) -> None:
        with self._lock:
            while len(self._documents) >= self.capacity:
                del self._documents[next(iter(self._documents))]  # the oldest: dicts keep insertion order
            self._documents[data] = document
