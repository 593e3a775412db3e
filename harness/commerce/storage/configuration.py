"""INVCNF and INVCNFREL: the DOM inventory cache configurations and which items and locations they cover."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import (
    CheckConstraint,
    Column,
    Connection,
    Float,
    ForeignKey,
    Integer,
    String,
    Table,
    UniqueConstraint,
    delete,
    insert,
    or_,
    select,
)

from harness.commerce.domain.cache_policy import CacheFlags, ConfigurationScope, InventoryConfiguration
from harness.commerce.storage.metadata import metadata

INVCNF = Table(
    "INVCNF",
    metadata,
    Column("INVCNF_ID", Integer, primary_key=True, autoincrement=False),
    Column("IDENTIFIER", String(64), nullable=False, unique=True),
    Column("DESCRIPTION", String(254), nullable=True),
    Column("PRECEDENCE", Float, nullable=False, default=0.0),
    Column("FLAGS", Integer, nullable=False, default=0),
    Column("THRESHOLDQUANTITY", Float, nullable=True),
    Column("CHEXPABOVETHRES", Integer, nullable=True),
    Column("CHEXPBELOWTHRES", Integer, nullable=True),
)

INVCNFREL = Table(
    "INVCNFREL",
    metadata,
    Column("INVCNFREL_ID", Integer, primary_key=True, autoincrement=True),
    Column("INVCNF_ID", Integer, ForeignKey("INVCNF.INVCNF_ID", ondelete="CASCADE"), nullable=False),
    Column("CATENTRY_ID", Integer, ForeignKey("CATENTRY.CATENTRY_ID"), nullable=True),
    Column("STORE_ID", Integer, ForeignKey("STORE.STORE_ID"), nullable=True),
    Column("STLOC_ID", Integer, ForeignKey("STLOC.STLOC_ID"), nullable=True),
    UniqueConstraint("CATENTRY_ID", "STORE_ID", "STLOC_ID", name="I_INVCNFREL"),
)
INVCNFREL.append_constraint(
    CheckConstraint(
        or_(INVCNFREL.c.STORE_ID.is_(None), INVCNFREL.c.STLOC_ID.is_(None)), name="C_INVCNFREL_LOCATION"
    )
)

Coverage = tuple[InventoryConfiguration, ConfigurationScope]


class ConfigurationRepository:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def coverage(self) -> list[Coverage]:
        """Every (configuration, scope) pair: the input of `resolve_configuration`."""
        configurations = {
            row.INVCNF_ID: InventoryConfiguration(
                id=row.INVCNF_ID,
                identifier=row.IDENTIFIER,
                flags=CacheFlags(row.FLAGS),
                precedence=row.PRECEDENCE,
                threshold=row.THRESHOLDQUANTITY,
                expiry_above=row.CHEXPABOVETHRES,
                expiry_below=row.CHEXPBELOWTHRES,
                description=row.DESCRIPTION or "",
            )
            for row in self._connection.execute(select(INVCNF))
        }
        return [
            (
                configurations[row.INVCNF_ID],
                ConfigurationScope(row.INVCNF_ID, row.CATENTRY_ID, row.STORE_ID, row.STLOC_ID),
            )
            for row in self._connection.execute(select(INVCNFREL).order_by(INVCNFREL.c.INVCNFREL_ID))
        ]

    def add(self, configuration: InventoryConfiguration, scopes: Iterable[ConfigurationScope]) -> None:
        self._connection.execute(
            insert(INVCNF).values(
                INVCNF_ID=configuration.id,
                IDENTIFIER=configuration.identifier,
                DESCRIPTION=configuration.description,
                PRECEDENCE=configuration.precedence,
                FLAGS=int(configuration.flags),
                THRESHOLDQUANTITY=configuration.threshold,
                CHEXPABOVETHRES=configuration.expiry_above,
                CHEXPBELOWTHRES=configuration.expiry_below,
            )
        )
        rows = [
            {
                "INVCNF_ID": configuration.id,
                "CATENTRY_ID": scope.catentry_id,
                "STORE_ID": scope.store_id,
                "STLOC_ID": scope.stloc_id,
            }
            for scope in scopes
        ]
        if rows:
            self._connection.execute(insert(INVCNFREL), rows)

    def remove(self, configuration_id: int) -> None:
        self._connection.execute(delete(INVCNFREL).where(configuration_id == INVCNFREL.c.INVCNF_ID))
        self._connection.execute(delete(INVCNF).where(configuration_id == INVCNF.c.INVCNF_ID))
