"""The checkout flow's share of the composition root: builds its services on top of `bootstrap()`'s.

It reuses what the availability flow wired (unit of work factory, catalog snapshot, availability service,
INVCNF index, memory cache, clock, and the resilient DOM transport with its circuit breaker, journalled when
the server keeps a request journal) and adds the shopper identities, the cart, ProcessOrder Prepare/Submit,
the transfer outbox and its worker, the inbound order services and the mailbox. Nothing starts here: the
worker thread is started after the fork (`outbox_worker.start_worker`), tests call `drain()`.
"""

from __future__ import annotations

from dataclasses import dataclass

from bods.messages import UsernameToken
from harness.commerce.bootstrap import CommerceServices
from harness.commerce.checkout_config import CheckoutSettings
from harness.commerce.domain.payments import DeclineRule
from harness.commerce.outbox_worker import OutboxWorker
from harness.commerce.services.cart import CartService
from harness.commerce.services.checkout import CheckoutService
from harness.commerce.services.external_order import ExternalOrder
from harness.commerce.services.inventory_check import InventoryCheck
from harness.commerce.services.mail import Mailbox, Mailer, MailReport, SmtpMailer
from harness.commerce.services.order_status import OrderStatusService
from harness.commerce.services.order_transfer import OrderTransfer, RetryPolicy, TransferReport
from harness.commerce.services.shoppers import ShopperIdentity
from harness.commerce.storage.keys import start_ids
from harness.commerce.storage.unit_of_work import UnitOfWorkFactory
from mock_dom.clock import Clock


@dataclass
class CheckoutServices:
    identity: ShopperIdentity
    cart: CartService
    checkout: CheckoutService
    transfer: OrderTransfer
    order_status: OrderStatusService
    mailbox: Mailbox
    worker: OutboxWorker
    settings: CheckoutSettings
    uow_factory: UnitOfWorkFactory
    clock: Clock

    def drain(self) -> tuple[TransferReport, MailReport]:
        """Send the due transfers, DecrementCache notices and emails now (what the worker does)."""
        return self.worker.drain()


def build_checkout(
    services: CommerceServices, settings: CheckoutSettings | None = None, *, mailer: Mailer | None = None
) -> CheckoutServices:
    settings = settings or getattr(services.config, "checkout", None) or CheckoutSettings()
    clock, uow_factory = services.clock, services.uow_factory
    catalog = services.availability.catalog
    if settings.first_order_id is not None:
        with uow_factory() as uow:
            start_ids(
                uow.connection, {"ORDERS": settings.first_order_id, "ORDERITEMS": settings.first_order_id * 10}
            )
            uow.commit()
    if mailer is None and settings.smtp:
        mailer = SmtpMailer.parse(settings.smtp)
    mailbox = Mailbox(uow_factory=uow_factory, clock=clock, mailer=mailer)
    dom = ExternalOrder(services.outbound, soap=services.config.dom.soap, credentials=_credentials(services))
    transfer = OrderTransfer(
        uow_factory=uow_factory,
        dom=dom,
        catalog=catalog,
        configurations=services.configurations,
        memory=services.memory,
        clock=clock,
        policy=RetryPolicy(settings.retry_base_seconds, settings.retry_max_seconds, settings.lease_seconds),
    )
    worker = OutboxWorker(transfer, mailbox, clock, poll_seconds=settings.worker_poll_seconds)
    cart = CartService(
        uow_factory=uow_factory,
        catalog=catalog,
        inventory=InventoryCheck(
            catalog=catalog, availability=services.availability, uow_factory=uow_factory
        ),
        clock=clock,
        currency=settings.currency,
    )
    checkout = CheckoutService(
        uow_factory=uow_factory,
        catalog=catalog,
        cart=cart,
        dom=dom,
        payments=DeclineRule(settings.decline_suffixes, settings.decline_ratio, settings.payment_seed),
        mailbox=mailbox,
        clock=clock,
        listeners=[transfer.on_order_submit],
        after_submit=[worker.wake],
    )
    order_status = OrderStatusService(
        uow_factory=uow_factory, catalog=catalog, mailbox=mailbox, clock=clock, after_change=worker.wake
    )
    return CheckoutServices(
        identity=ShopperIdentity(uow_factory=uow_factory, clock=clock),
        cart=cart,
        checkout=checkout,
        transfer=transfer,
        order_status=order_status,
        mailbox=mailbox,
        worker=worker,
        settings=settings,
        uow_factory=uow_factory,
        clock=clock,
    )


def _credentials(services: CommerceServices) -> UsernameToken | None:
    settings = services.config.dom
    if settings.username is None:
        return None
    return UsernameToken(settings.username, settings.password or "")
