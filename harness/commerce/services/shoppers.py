"""Guest identities and the tokens REST requests carry (WCS `POST /store/{storeId}/guestidentity`).

WCS answers `{WCToken, WCTrustedToken, userId, personalizationID}`; the storefront sends WCToken (and
WCTrustedToken on secure calls) as request headers afterwards. Tokens here are `<userId>%2C<random>` like
WCS's, random parts from `secrets`; only their digests are stored. A request whose WCTrustedToken is given
must match the WCToken's member.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Callable
from dataclasses import dataclass

from harness.commerce.domain.order_errors import NotAuthenticated
from harness.commerce.storage.keys import next_id
from harness.commerce.storage.shoppers import Shopper
from harness.commerce.storage.unit_of_work import UnitOfWorkFactory
from mock_dom.clock import Clock


@dataclass(frozen=True)
class GuestIdentity:
    user_id: int
    wc_token: str
    wc_trusted_token: str
    personalization_id: str


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def default_email(user_id: int) -> str:
    """Where a guest's emails go when the storefront gave no address [I]."""
    return f"guest{user_id}@shopper.example.com"


class ShopperIdentity:
    def __init__(
        self,
        *,
        uow_factory: UnitOfWorkFactory,
        clock: Clock,
        random_part: Callable[[], str] = lambda: secrets.token_urlsafe(24),
    ) -> None:
        self._uow_factory = uow_factory
        self._clock = clock
        self._random_part = random_part

    def create_guest(self, email: str | None = None) -> GuestIdentity:
        now = self._clock.now()
        with self._uow_factory() as uow:
            user_id = next_id(uow.connection, "USERS")
            token = f"{user_id}%2C{self._random_part()}"
            trusted = f"{user_id}%2C{self._random_part()}"
            personalization = f"{int(now * 1000)}-{user_id}"
            shopper = Shopper(user_id, personalization, email or default_email(user_id))
            uow.shoppers.add(shopper, digest(token), digest(trusted), now)
            uow.commit()
        return GuestIdentity(user_id, token, trusted, personalization)

    def authenticate(self, wc_token: str | None, wc_trusted_token: str | None = None) -> Shopper:
        """The member the tokens name, or NotAuthenticated."""
        if not wc_token:
            raise NotAuthenticated(
                "The request has no WCToken header; create a guest identity first.", "WCToken"
            )
        with self._uow_factory() as uow:
            shopper = uow.shoppers.by_token_hash(digest(wc_token))
        if shopper is None:
            raise NotAuthenticated("The WCToken is not valid.", "WCToken")
        if wc_trusted_token and not hmac.compare_digest(digest(wc_trusted_token), shopper.trusted_token_hash):
            raise NotAuthenticated("The WCTrustedToken does not belong to the WCToken.", "WCTrustedToken")
        return shopper
