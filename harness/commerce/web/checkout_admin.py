"""`/__admin` resources of the checkout flow (named by noun, as the mock DOM's admin API):

GET  /__admin/mail[?orderId=&recipient=]   the emails sent or kept (MAILOUTBOX)
GET  /__admin/transfers[?status=]          the outbound BOD outbox (TransferOrder, DecrementCache)
POST /__admin/transfers/drain              send what is due now (what the background worker does)
POST /__admin/orders/{orderId}/transfer    resubmit an order held in transfer status H/F now
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from flask import Blueprint, Response, request

from harness.commerce.checkout_bootstrap import CheckoutServices
from harness.commerce.domain.errors import InvalidParameter
from harness.commerce.storage.mail import StoredMail
from harness.commerce.storage.outbox import OutboundMessage, OutboxStatus
from mock_dom.domain.timefmt import iso_datetime


def checkout_admin_blueprint(checkout: CheckoutServices) -> Blueprint:
    blueprint = Blueprint("commerce_checkout_admin", __name__, url_prefix="/__admin")
    uow_factory = checkout.uow_factory

    @blueprint.get("/mail")
    def mail() -> Response:
        order_id = request.args.get("orderId")
        if order_id is not None and not order_id.isdigit():
            raise InvalidParameter.named("orderId", order_id)
        with uow_factory() as uow:
            found = uow.mail.listing(
                order_id=int(order_id) if order_id else None, recipient=request.args.get("recipient") or None
            )
        return _json({"mail": [_mail(m) for m in found], "count": len(found), "smtp": checkout.settings.smtp})

    @blueprint.get("/transfers")
    def transfers() -> Response:
        status = request.args.get("status") or None
        if status is not None and status not in {s.value for s in OutboxStatus}:
            raise InvalidParameter.named("status", status)
        with uow_factory() as uow:
            rows = uow.outbox.listing(OutboxStatus(status) if status else None)
            counts = uow.outbox.counts()
        return _json(
            {"transfers": [_row(r) for r in rows], "counts": counts, "worker": checkout.worker.running}
        )

    @blueprint.post("/transfers/drain")
    def drain() -> Response:
        transfers, mail = checkout.drain()
        return _json({"transfers": asdict(transfers), "mail": asdict(mail)})

    @blueprint.post("/orders/<order_id>/transfer")
    def resubmit(order_id: str) -> Response:
        if not order_id.isdigit():
            raise InvalidParameter.named("orderId", order_id)
        with uow_factory() as uow:
            count = uow.outbox.retry_now(int(order_id), checkout.clock.now())
            uow.commit()
        checkout.worker.wake()
        return _json({"orderId": order_id, "rescheduled": count})

    return blueprint


def _json(body: dict[str, Any]) -> Response:
    return Response(json.dumps(body), mimetype="application/json")


def _mail(stored: StoredMail) -> dict[str, Any]:
    message = stored.message
    return {
        "mailId": stored.mail_id,
        "orderId": str(message.order_id) if message.order_id else None,
        "kind": message.kind.value,
        "recipient": message.recipient,
        "subject": message.subject,
        "body": message.body,
        "status": stored.status.value,
        "attempts": stored.attempts,
        "created": iso_datetime(stored.created),
        "sent": iso_datetime(stored.sent) if stored.sent else None,
        "lastError": stored.last_error,
    }


def _row(row: OutboundMessage) -> dict[str, Any]:
    return {
        "id": row.outbox_id,
        "orderId": str(row.order_id),
        "bodType": row.bod_type,
        "actionCode": row.action_code,
        "bodId": row.bodid,
        "status": row.status.value,
        "attempts": row.attempts,
        "nextAttempt": iso_datetime(row.next_attempt),
        "lastError": row.last_error,
        "created": iso_datetime(row.created),
        "done": iso_datetime(row.done) if row.done else None,
    }
