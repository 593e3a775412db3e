"""The request journal API both servers serve at `/__admin/requests` (the mock DOM's, and the reference
commerce server's with the same filters and JSON shape): list, count, verify, clear.

`DomDriver` and `CommerceDriver` both mix it in, so a test reads either side's journal the same way:

    shop.requests(direction="outbound", bodType="GetInventoryAvailability")
    dom.verify(bodType="ProcessOrder", actionCode="TransferOrder", count=1)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx

from harness.drivers import routes
from harness.drivers.answers import Answer, DriverError


class JournalQueries:
    """`requests`, `count`, `verify`, `last_request_id`, `clear_requests` over `self.send` (an `HttpSide`)."""

    send: Callable[..., httpx.Response]  # HttpSide's, next in the method resolution order

    def requests(self, **filters: Any) -> list[dict[str, Any]]:
        """Journal entries, oldest first; filters as the journal API names them (`bodType=`, `actionCode=`,
        `partNumber=`, `direction=`, `sinceId=` ...)."""
        return self._admin(routes.admin("requests", **admin_query(filters)))["requests"]

    def count(self, **filters: Any) -> int:
        return int(self._admin(routes.admin("requests/count", **admin_query(filters)))["count"])

    def verify(
        self, *, count: int | None = None, at_least: int | None = None, **criteria: Any
    ) -> dict[str, Any]:
        """`{"ok", "actual", "nearMisses"}`: exactly `count`, at least `at_least`, or at least one."""
        body: dict[str, Any] = {"criteria": criteria}
        if count is not None:
            body["count"] = count
        if at_least is not None:
            body["atLeast"] = at_least
        return self._admin(routes.admin("requests/verify", "POST", body))

    def last_request_id(self) -> int:
        """Id of the newest journal entry (0 when empty): pass `sinceId=` to see only what came after."""
        entries = self.requests(limit=1, bodies=False)
        return int(entries[-1]["id"]) if entries else 0

    def clear_requests(self) -> None:
        self._admin(routes.admin("requests", "DELETE"))

    def _admin(self, call: routes.Call) -> Any:
        """Parsed JSON of an admin call; DriverError (status and body) when refused."""
        answer = Answer.from_response(self.send(call))
        if not answer.ok:
            raise DriverError(
                f"{call.method} {call.path} answered {answer.status} {answer.error_key or ''}".strip(),
                status=answer.status,
                body=answer.body,
            )
        return answer.body if answer.body is not None else {}


def admin_query(filters: dict[str, Any]) -> dict[str, str | None]:
    """Query-string values: booleans as `true`/`false`, None left out by the route builder."""
    return {
        k: (str(v).lower() if isinstance(v, bool) else None if v is None else str(v))
        for k, v in filters.items()
    }
