"""TransferOrder: DOM creates its order (Sterling `createOrder`, facts section 2) from the commerce order.

When the order was reserved before (ReserveInventory at checkout), DOM takes the reservation's holds over for
the order lines they were made for, so the stock stays put; a line whose quantity, item or pickup store
changed since, or that was never reserved, is allocated afresh (on hand, then future supply; what is still
missing makes the order backordered at scheduling). Reserved lines the order no longer has are released.
"""

from __future__ import annotations

from dataclasses import replace

from mock_dom.domain.allocation import StockLedger, allocate
from mock_dom.domain.locations import Topology
from mock_dom.domain.orders import OrderLine
from mock_dom.domain.reservations import Reservation, ReservationLine, release_holds


def take_over(
    lines: tuple[OrderLine, ...],
    reservation: Reservation | None,
    ledger: StockLedger,
    topology: Topology,
    store_id: str,
) -> tuple[OrderLine, ...]:
    """The order lines with their holds; the reservation's unused holds are released."""
    reserved = {line.order_item_id: line for line in reservation.lines} if reservation else {}
    taken: list[OrderLine] = []
    for line in lines:
        kept = reserved.pop(line.order_item_id, None)
        if kept is not None and _same_request(line, kept):
            taken.append(replace(line, holds=kept.holds))
            continue
        if kept is not None:
            release_holds(kept.holds, ledger)
        nodes = topology.sourcing_nodes(store_id, line.physical_store_id)
        taken.append(replace(line, holds=allocate(ledger, line.part_number, nodes, line.quantity).holds))
    for leftover in reserved.values():
        release_holds(leftover.holds, ledger)
    return tuple(taken)


def _same_request(line: OrderLine, reserved: ReservationLine) -> bool:
    return (
        line.part_number == reserved.part_number
        and line.quantity == reserved.quantity
        and (line.physical_store_id or None) == (reserved.physical_store_id or None)
    )
