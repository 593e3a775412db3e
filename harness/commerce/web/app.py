"""`create_app(config)`: the reference commerce server as a Flask application.

Blueprints are built around the services from `bootstrap` (closures, no per-request look-ups of globals):
WCS REST inventory availability, the InventoryServices SOAP endpoint with its WSDL, and `/__admin`. The app
keeps a request journal (`config.journal_size` entries) of every BOD received and sent, served at
`/__admin/requests` like the mock DOM's.
"""

from __future__ import annotations

from flask import Flask

from bods.messages import UsernameToken
from harness.commerce.bootstrap import bootstrap
from harness.commerce.config import CommerceConfig
from harness.commerce.services.transport import Transport
from harness.commerce.web.admin import admin_blueprint
from harness.commerce.web.admin_journal import journal_blueprint
from harness.commerce.web.bod_handler import InventoryServicesHandler
from harness.commerce.web.checkout_routes import install_checkout
from harness.commerce.web.errors import register_error_handlers
from harness.commerce.web.rest import rest_blueprint
from harness.commerce.web.services_endpoint import bod_service_blueprint
from harness.commerce.web.wsdl import INVENTORY_SERVICES
from mock_dom.clock import Clock
from mock_dom.journal import RequestJournal


def create_app(
    config: CommerceConfig | None = None,
    *,
    dom_transport: Transport | None = None,
    clock: Clock | None = None,
) -> Flask:
    """Build the app; `dom_transport` replaces the httpx client to DOM, `clock` the system clock."""
    config = config or CommerceConfig()
    journal = RequestJournal(config.journal_size)
    services = bootstrap(config, dom_transport=dom_transport, clock=clock, journal=journal)
    credentials = None
    if config.ws_username is not None:
        credentials = UsernameToken(config.ws_username, config.ws_password or "")
    handler = InventoryServicesHandler(
        services.balance, services.clock, credentials=credentials, max_bytes=config.max_body_bytes
    )

    app = Flask("harness.commerce")
    app.config["JSON_SORT_KEYS"] = False
    app.extensions["commerce"] = services
    app.extensions["commerce.inventory_services"] = handler
    app.register_blueprint(rest_blueprint(services.availability))
    app.register_blueprint(
        bod_service_blueprint(
            INVENTORY_SERVICES, handler.handle, config.max_body_bytes, journal, services.part_number_of
        )
    )
    app.register_blueprint(admin_blueprint(services))
    app.register_blueprint(journal_blueprint(journal))
    install_checkout(app, services)  # cart, checkout, orders, OrderServices, /__admin/mail
    register_error_handlers(app)
    return app
