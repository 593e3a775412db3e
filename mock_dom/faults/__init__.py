"""Fault rules as data: how a test makes the mock DOM slow, wrong, silent or rude on purpose.

A rule is plain JSON (WireMock's "faults described as data"), posted to `/__admin/faults`:

    {"match": {"operation": "ProcessInventoryRequirement", "action": "ReserveInventory", "nth": 2},
     "fault": {"type": "error", "reasonCode": "_ERR_INVENTORY_DOWN.-1", "reason": "DOM is restarting"},
     "times": 1}

Requests (commerce -> DOM) can get latency, an error BOD, a SOAP fault, an HTTP status, no answer until the
client times out, a dropped connection, a malformed or a schema-invalid body. Pushes (DOM -> commerce, rules
with `"on": "pushes"`) can be delayed, dropped or sent twice. Facts section 6 says nothing about DOM's
timeouts or retries, which is exactly why these are knobs a test turns rather than built-in behaviour.

Rules apply in the order they were added: every matching latency rule adds its delay, the first matching
rule with any other fault decides the answer. Random draws (log-normal latency) come from one seeded RNG, so
the same requests in the same order get the same delays; `clear()` re-seeds.
"""

from __future__ import annotations

from mock_dom.faults.book import AppliedFault, Decision, FaultBook
from mock_dom.faults.model import Facts, FaultAction, FaultKind, FaultMatch, FaultRule, FaultRuleError, Target
from mock_dom.faults.parsing import parse_rule

__all__ = [
    "AppliedFault",
    "Decision",
    "Facts",
    "FaultAction",
    "FaultBook",
    "FaultKind",
    "FaultMatch",
    "FaultRule",
    "FaultRuleError",
    "Target",
    "parse_rule",
]
