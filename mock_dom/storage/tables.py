"""The mock DOM's tables (SQLAlchemy Core). Portable types only: SQLite by default, PostgreSQL by URL.

Quantities are floats, as on the wire; times are epoch seconds (the clock port's unit).
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

ID = 64

locations = Table(
    "dom_locations",
    metadata,
    Column("location_id", String(ID), primary_key=True),
    Column("kind", String(24), nullable=False),
    Column("name", String(128), nullable=False),
    Column("parent_id", String(ID)),
)

items = Table(
    "dom_items",
    metadata,
    Column("part_number", String(ID), primary_key=True),
    Column("catalog_entry_id", String(ID), nullable=False, unique=True),
)

stock = Table(
    "dom_stock",
    metadata,
    Column("part_number", String(ID), ForeignKey("dom_items.part_number"), primary_key=True),
    Column("location_id", String(ID), ForeignKey("dom_locations.location_id"), primary_key=True),
    Column("on_hand", Float, nullable=False, default=0.0),
    Column("reserved", Float, nullable=False, default=0.0),
    Column("future_quantity", Float, nullable=False, default=0.0),
    Column("future_reserved", Float, nullable=False, default=0.0),
    Column("future_date", Float),
    # The tick's due-supply query (future_date <= now, in date order) reads this instead of every level.
    Index("ix_dom_stock_future_date", "future_date"),
)

availability_marks = Table(
    "dom_availability_marks",
    metadata,
    Column("part_number", String(ID), primary_key=True),
    Column("location_id", String(ID), primary_key=True),
    Column("status", String(16), nullable=False),
    Column("quantity", Float, nullable=False),
    Column("available_at", Float),
)

reservations = Table(
    "dom_reservations",
    metadata,
    Column("reservation_id", String(ID + 3), primary_key=True),
    Column("order_id", String(ID), nullable=False),
    Column("store_id", String(ID), nullable=False),
    Column("state", String(16), nullable=False),
    Column("created_at", Float, nullable=False),
    Column("expires_at", Float, nullable=False),
    Index("ix_dom_reservations_due", "state", "expires_at"),
)

reservation_lines = Table(
    "dom_reservation_lines",
    metadata,
    Column("reservation_id", String(ID + 3), ForeignKey("dom_reservations.reservation_id"), primary_key=True),
    Column("order_item_id", String(ID), primary_key=True),
    Column("position", Integer, nullable=False),
    Column("part_number", String(ID), nullable=False),
    Column("catalog_entry_id", String(ID), nullable=False),
    Column("quantity", Float, nullable=False),
    Column("physical_store_id", String(ID)),
)

holds = Table(
    "dom_holds",
    metadata,
    Column("hold_id", Integer, primary_key=True, autoincrement=True),
    Column("owner_kind", String(16), nullable=False),
    Column("owner_id", String(ID + 3), nullable=False),
    Column("order_item_id", String(ID), nullable=False),
    Column("part_number", String(ID), nullable=False),
    Column("location_id", String(ID), nullable=False),
    Column("supply", String(16), nullable=False),
    Column("quantity", Float, nullable=False),
    Column("available_at", Float),
    Index("ix_dom_holds_owner", "owner_kind", "owner_id"),
    Index("ix_dom_holds_stock", "part_number", "location_id", "supply"),
)

orders = Table(
    "dom_orders",
    metadata,
    Column("order_id", String(ID), primary_key=True),
    Column("external_order_id", String(ID + 16), nullable=False),
    Column("store_id", String(ID), nullable=False),
    Column("state", String(16), nullable=False),
    Column("created_at", Float, nullable=False),
    Column("updated_at", Float, nullable=False),
    Column("next_due_at", Float),
    Column("store_name", String(128)),
    Column("buyer_id", String(ID)),
    Column("buyer_logon_id", String(256)),
    Column("placed_date", String(40)),
    Column("currency", String(8)),
    Column("total", Float),
    Column("ship_as_complete", Boolean),
    Column("reservation_id", String(ID + 3)),
    Index("ix_dom_orders_due", "next_due_at"),
)

order_lines = Table(
    "dom_order_lines",
    metadata,
    Column("order_id", String(ID), ForeignKey("dom_orders.order_id"), primary_key=True),
    Column("order_item_id", String(ID), primary_key=True),
    Column("position", Integer, nullable=False),
    Column("part_number", String(ID), nullable=False),
    Column("catalog_entry_id", String(ID), nullable=False),
    Column("quantity", Float, nullable=False),
    Column("physical_store_id", String(ID)),
    Column("unit_price", Float),
)

shipments = Table(
    "dom_shipments",
    metadata,
    Column("order_id", String(ID), ForeignKey("dom_orders.order_id"), primary_key=True),
    Column("carrier", String(64), nullable=False),
    Column("tracking_number", String(64), nullable=False),
    Column("shipped_at", Float, nullable=False),
)

outbox = Table(
    "dom_push_outbox",
    metadata,
    Column("push_id", Integer, primary_key=True, autoincrement=True),
    Column("bod_type", String(40), nullable=False),
    Column("action_code", String(24), nullable=False),
    Column("path", String(200), nullable=False),
    Column("bodid", String(ID), nullable=False),
    Column("created_at", Float, nullable=False),
    Column("payload", Text, nullable=False),
    Column("ordering_key", String(200), nullable=False),
    Column("order_id", String(ID)),
    Column("store_id", String(ID)),
    Column("part_numbers", Text, nullable=False, default=""),
    Column("status", String(16), nullable=False),
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_attempt_at", Float, nullable=False),
    Column("last_error", Text),
    Column("last_http_status", Integer),
    Column("sent_at", Float),
    Index("ix_dom_push_outbox_due", "status", "next_attempt_at"),
)

processed_bods = Table(
    "dom_processed_bods",
    metadata,
    Column("bodid", String(ID * 2), primary_key=True),
    Column("service", String(40), nullable=False),
    Column("bod_type", String(40), nullable=False),
    Column("action_code", String(40)),
    Column("processed_at", Float, nullable=False),
    Column("status", Integer, nullable=False),
    Column("content_type", String(80), nullable=False),
    Column("response", LargeBinary, nullable=False),
)

ALL_TABLES = metadata.sorted_tables
