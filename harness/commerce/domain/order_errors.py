"""The refusals of the cart, checkout and order services (subclasses of the one `CommerceError` family).

Message keys: `_ERR_PROD_NOT_ORDERABLE` is the documented WCS key for an item that cannot be bought or is out
of stock (facts section 5); `_ERR_USER_AUTHORITY` is WCS's access-control key. The others are this server's
own, in the same `<messageKey>.<errorCode>` convention (facts section 6), and listed in
harness/commerce/README.md.
"""

from __future__ import annotations

from harness.commerce.domain.errors import CommerceError, NotFound


class ProductNotOrderable(CommerceError):
    """CheckInventory at add-to-cart: the item is unavailable, or not in the quantity asked."""

    message_key = "_ERR_PROD_NOT_ORDERABLE"


class InsufficientInventory(CommerceError):
    """ReserveInventory: DOM could not hold (on hand or future supply) the whole quantity of some items.

    `items` lists, per order item, DOM's verdict and the quantity it could hold.
    """

    message_key = "_ERR_INSUFFICIENT_INVENTORY"

    def __init__(self, reason: str, *parameters: str, items: tuple[dict[str, str], ...] = ()) -> None:
        super().__init__(reason, *parameters)
        self.items = items


class PaymentDeclined(CommerceError):
    """PrimePayment could not authorize the payment: the order stays pending and nothing is transferred."""

    message_key = "_ERR_PAYMENT_DECLINED"


class OrderNotFound(NotFound):
    """No such order, or the shopper has no current cart."""

    message_key = "_ERR_ORDER_NOT_FOUND"


class NotAuthorized(CommerceError):
    """The order belongs to another shopper (WCS's access-control refusal)."""

    message_key = "_ERR_USER_AUTHORITY"


class NotAuthenticated(CommerceError):
    """No WCToken, or one this server did not issue."""

    message_key = "_ERR_INVALID_TOKEN"


class EmptyCart(CommerceError):
    """Prepare or submit of a cart without items."""

    message_key = "_ERR_ORDER_EMPTY"


class OrderNotPending(CommerceError):
    """The order is no longer a cart (already submitted or canceled)."""

    message_key = "_ERR_ORDER_NOT_PENDING"


class OrderNotCancelable(CommerceError):
    """ProcessOrder Cancel of an order that has shipped."""

    message_key = "_ERR_ORDER_NOT_CANCELABLE"


class ConcurrentUpdate(CommerceError):
    """The order changed between reading and writing it (ORDERS.OPTCOUNTER moved); the service retries."""

    message_key = "_ERR_CONCURRENT_UPDATE"


class OrderNotSubmitted(CommerceError):
    """A fulfillment update (SyncOrder) for an order that is still a cart."""

    message_key = "_ERR_ORDER_NOT_SUBMITTED"
