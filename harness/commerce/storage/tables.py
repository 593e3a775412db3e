"""Every table group of the commerce server, and schema creation.

Importing a table module registers its tables on the shared metadata; a new group (orders, the transfer
outbox) is one more import here.
"""

from __future__ import annotations

from sqlalchemy import Engine

from harness.commerce.storage import (
    availability,
    catalog,
    configuration,
    inbox,
    inventory,
    keys,
    mail,
    orders,
    outbox,
    payments,
    shoppers,
)
from harness.commerce.storage.metadata import metadata

TABLE_MODULES = (catalog, inventory, configuration, availability, inbox)
TABLE_MODULES += (keys, shoppers, orders, payments, outbox, mail)  # the checkout flow


def create_schema(engine: Engine) -> None:
    """Create the tables that do not exist yet (idempotent)."""
    metadata.create_all(engine)
