"""The GetInventoryAvailability expression: the XPath-like query in `oa:Get/oa:Expression` (facts section 2).

WCS writes it with the access profile prefix and one of a few documented shapes::

    {_wcf.ap=IBM_Store_Details}/InventoryAvailability[InventoryAvailabilityIdentifier/ExternalIdentifier[
        CatalogEntryIdentifier[(UniqueID='12001')] and OnlineStoreIdentifier[(UniqueID='10101')]]]

Items: `CatalogEntryIdentifier[(UniqueID='a' or UniqueID='b')]` or
`CatalogEntryIdentifier[ExternalIdentifier[(PartNumber='SKU-0001')]]`.
Locations (one, or several joined by `or` inside parentheses): `OnlineStoreIdentifier[(UniqueID='10101')]`,
`OnlineStoreIdentifier[ExternalIdentifier[(NameIdentifier='AuroraESite')]]`,
`PhysicalStoreIdentifier[(UniqueID='20001')]`,
`PhysicalStoreIdentifier[ExternalIdentifier[(Identifier='Store-20001')]]`.

Rather than evaluating XPath, a small tokenizer and recursive-descent parser read exactly these shapes into an
`AvailabilityQuery`; anything else is a `BadExpression` naming what was expected where.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from bods.errors import BadExpression
from bods.messages import AvailabilityQuery

ACCESS_PROFILE = "IBM_Store_Details"
PREFIX = "{_wcf.ap=" + ACCESS_PROFILE + "}"

_TOKEN = re.compile(
    r"""\s*(?:
        (?P<profile>\{[^}]*\})
      | (?P<string>'[^']*'|"[^"]*")
      | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
      | (?P<number>[0-9][0-9.]*)
      | (?P<punct>[\[\]()/=])
    )""",
    re.VERBOSE,
)


@dataclass(frozen=True)
class _Token:
    kind: str
    value: str
    position: int


def tokenize(expression: str) -> list[_Token]:
    tokens: list[_Token] = []
    position = 0
    end = len(expression.rstrip())
    while position < end:
        match = _TOKEN.match(expression, position)
        if match is None or match.end() == position:
            raise BadExpression(
                f"unreadable character {expression[position]!r} at {position} in {expression!r}"
            )
        kind = match.lastgroup or "punct"
        value = match.group(kind)
        if kind == "string":
            value = value[1:-1]
        tokens.append(_Token(kind, value, match.start(kind)))
        position = match.end()
    return tokens


@dataclass
class _Found:
    catalog_entry_ids: list[str] = field(default_factory=list)
    part_numbers: list[str] = field(default_factory=list)
    online_store_id: str | None = None
    online_store_name: str | None = None
    physical_store_ids: list[str] = field(default_factory=list)
    physical_store_names: list[str] = field(default_factory=list)


class _Parser:
    def __init__(self, expression: str) -> None:
        self.expression = expression
        self.tokens = tokenize(expression)
        self.index = 0
        self.found = _Found()

    # tokens
    def peek(self) -> _Token | None:
        return self.tokens[self.index] if self.index < len(self.tokens) else None

    def at(self, value: str) -> bool:
        token = self.peek()
        return token is not None and token.kind in ("name", "punct") and token.value == value

    def expect(self, value: str) -> None:
        if not self.at(value):
            self.fail(f"'{value}'")
        self.index += 1

    def string(self) -> str:
        token = self.peek()
        if token is None or token.kind != "string":
            self.fail("a quoted value")
        self.index += 1
        return token.value  # type: ignore[union-attr]

    def fail(self, wanted: str) -> None:
        token = self.peek()
        found = f"'{token.value}' at {token.position}" if token else "the end"
        raise BadExpression(
            f"expected {wanted} but found {found} in GetInventoryAvailability expression {self.expression!r}"
        )

    # grammar
    def query(self) -> AvailabilityQuery:
        token = self.peek()
        if token is not None and token.kind == "profile":
            if token.value.replace(" ", "") != PREFIX:
                raise BadExpression(f"unsupported access profile {token.value!r} (expected {PREFIX})")
            self.index += 1
        for part in (
            "/",
            "InventoryAvailability",
            "[",
            "InventoryAvailabilityIdentifier",
            "/",
            "ExternalIdentifier",
            "[",
        ):
            self.expect(part)
        self.term()
        while self.at("and"):
            self.index += 1
            self.term()
        self.expect("]")
        self.expect("]")
        if self.peek() is not None:
            self.fail("the end of the expression")
        return self.result()

    def term(self) -> None:
        if self.at("("):
            self.index += 1
            self.location()
            while self.at("or"):
                self.index += 1
                self.location()
            self.expect(")")
        elif self.at("CatalogEntryIdentifier"):
            self.catalog_entry()
        elif self.at("OnlineStoreIdentifier") or self.at("PhysicalStoreIdentifier"):
            self.location()
        else:
            self.fail("CatalogEntryIdentifier, OnlineStoreIdentifier or PhysicalStoreIdentifier")

    def catalog_entry(self) -> None:
        if self.found.catalog_entry_ids or self.found.part_numbers:
            raise BadExpression(f"more than one CatalogEntryIdentifier condition in {self.expression!r}")
        self.expect("CatalogEntryIdentifier")
        unique_ids, external = self.identified("PartNumber")
        self.found.catalog_entry_ids.extend(unique_ids)
        self.found.part_numbers.extend(external)

    def location(self) -> None:
        if self.at("OnlineStoreIdentifier"):
            self.index += 1
            unique_ids, names = self.identified("NameIdentifier")
            for value, kind in [(v, "online_store_id") for v in unique_ids] + [
                (v, "online_store_name") for v in names
            ]:
                if getattr(self.found, kind) is not None:
                    raise BadExpression(f"more than one online store in {self.expression!r}")
                setattr(self.found, kind, value)
        elif self.at("PhysicalStoreIdentifier"):
            self.index += 1
            unique_ids, names = self.identified("Identifier")
            self.found.physical_store_ids.extend(unique_ids)
            self.found.physical_store_names.extend(names)
        else:
            self.fail("OnlineStoreIdentifier or PhysicalStoreIdentifier")

    def identified(self, external_field: str) -> tuple[list[str], list[str]]:
        """`[(UniqueID='a' or ...)]` or `[ExternalIdentifier[(<external_field>='x' or ...)]]`."""
        self.expect("[")
        if self.at("ExternalIdentifier"):
            self.index += 1
            self.expect("[")
            values = self.alternatives(external_field)
            self.expect("]")
            self.expect("]")
            return [], values
        values = self.alternatives("UniqueID")
        self.expect("]")
        return values, []

    def alternatives(self, name: str) -> list[str]:
        """`(name='a' or name='b')`; the parentheses are optional."""
        parenthesised = self.at("(")
        if parenthesised:
            self.index += 1
        values = [self.comparison(name)]
        while self.at("or"):
            self.index += 1
            values.append(self.comparison(name))
        if parenthesised:
            self.expect(")")
        return values

    def comparison(self, name: str) -> str:
        self.expect(name)
        self.expect("=")
        return self.string()

    def result(self) -> AvailabilityQuery:
        found = self.found
        if not (found.catalog_entry_ids or found.part_numbers):
            raise BadExpression(f"the expression names no CatalogEntryIdentifier: {self.expression!r}")
        return AvailabilityQuery(
            catalog_entry_ids=tuple(found.catalog_entry_ids),
            part_numbers=tuple(found.part_numbers),
            online_store_id=found.online_store_id,
            online_store_name=found.online_store_name,
            physical_store_ids=tuple(found.physical_store_ids),
            physical_store_names=tuple(found.physical_store_names),
        )


def parse_query(expression: str) -> AvailabilityQuery:
    """Read a GetInventoryAvailability expression; raise BadExpression for anything undocumented.

    Storefronts ask about the same items over and over, so readings are memoised (the result is immutable).
    """
    if not expression or not expression.strip():
        raise BadExpression("the GetInventoryAvailability expression is empty")
    return _read(expression.strip())


@lru_cache(maxsize=4096)
def _read(expression: str) -> AvailabilityQuery:
    return _Parser(expression).query()


def render_query(query: AvailabilityQuery) -> str:
    """Write the expression WCS would send for this query (always with the IBM_Store_Details profile)."""
    if query.catalog_entry_ids and query.part_numbers:
        raise BadExpression("a query names items either by catalog entry id or by part number, not both")
    if query.catalog_entry_ids:
        item = f"CatalogEntryIdentifier[{_alternatives('UniqueID', query.catalog_entry_ids)}]"
    elif query.part_numbers:
        item = (
            f"CatalogEntryIdentifier[ExternalIdentifier[{_alternatives('PartNumber', query.part_numbers)}]]"
        )
    else:
        raise BadExpression("a query must name at least one catalog entry id or part number")
    stores = []
    if query.online_store_id is not None:
        stores.append(f"OnlineStoreIdentifier[{_alternatives('UniqueID', [query.online_store_id])}]")
    if query.online_store_name is not None:
        names = _alternatives("NameIdentifier", [query.online_store_name])
        stores.append(f"OnlineStoreIdentifier[ExternalIdentifier[{names}]]")
    if query.physical_store_ids:
        stores.append(f"PhysicalStoreIdentifier[{_alternatives('UniqueID', query.physical_store_ids)}]")
    if query.physical_store_names:
        names = _alternatives("Identifier", query.physical_store_names)
        stores.append(f"PhysicalStoreIdentifier[ExternalIdentifier[{names}]]")
    condition = item
    if len(stores) == 1:
        condition += f" and {stores[0]}"
    elif stores:
        condition += " and (" + " or ".join(stores) + ")"
    return f"{PREFIX}/InventoryAvailability[InventoryAvailabilityIdentifier/ExternalIdentifier[{condition}]]"


def _alternatives(name: str, values: tuple[str, ...] | list[str]) -> str:
    return "(" + " or ".join(f"{name}={_quoted(value)}" for value in values) + ")"


def _quoted(value: str) -> str:
    if "'" not in value:
        return f"'{value}'"
    if '"' not in value:
        return f'"{value}"'
    raise BadExpression(f"value {value!r} contains both quote characters and cannot be expressed")
