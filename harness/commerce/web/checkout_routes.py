"""Mount the checkout flow on a `create_app` application: REST cart/checkout/order resources, the inbound
OrderServices endpoint (SOAP + WSDL), and its `/__admin` resources. `create_app` calls `install_checkout`
once; the services are kept in `app.extensions["commerce.checkout"]` (where the post-fork hook
`outbox_worker.start_worker` finds the worker).
"""

from __future__ import annotations

from flask import Flask

from bods.messages import UsernameToken
from harness.commerce.bootstrap import CommerceServices
from harness.commerce.checkout_bootstrap import CheckoutServices, build_checkout
from harness.commerce.services.mail import Mailer
from harness.commerce.web.cart import checkout_blueprint
from harness.commerce.web.checkout_admin import checkout_admin_blueprint
from harness.commerce.web.order_services import OrderServicesHandler
from harness.commerce.web.services_endpoint import bod_service_blueprint
from harness.commerce.web.wsdl import ORDER_SERVICES


def install_checkout(
    app: Flask, services: CommerceServices, *, mailer: Mailer | None = None
) -> CheckoutServices:
    config = services.config
    checkout = build_checkout(services, mailer=mailer)
    credentials = None
    if config.ws_username is not None:
        credentials = UsernameToken(config.ws_username, config.ws_password or "")
    handler = OrderServicesHandler(
        checkout.order_status, credentials=credentials, max_bytes=config.max_body_bytes
    )
    app.extensions["commerce.checkout"] = checkout
    app.extensions["commerce.order_services"] = handler
    app.register_blueprint(checkout_blueprint(checkout))
    app.register_blueprint(
        bod_service_blueprint(
            ORDER_SERVICES, handler.handle, config.max_body_bytes, services.journal, services.part_number_of
        )
    )
    app.register_blueprint(checkout_admin_blueprint(checkout))
    return checkout
