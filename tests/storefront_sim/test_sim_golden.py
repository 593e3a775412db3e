"""Golden outputs: a fixed seed and scenario against the fake storefront give exactly the saved KPIs.

After an intended change to the model, rewrite the files with `UPDATE_GOLDEN=1 pytest tests/storefront_sim`
and review the JSON diff like any other change.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from storefront_sim.scenario import load_scenario

GOLDEN = Path(__file__).parent / "golden"
CASES = [("dom_down", 150), ("low_stock", 150), ("flash_sale", 150)]


@pytest.mark.parametrize(("scenario", "shoppers"), CASES)
def test_a_seeded_run_reproduces_its_golden_kpis(run, scenario: str, shoppers: int) -> None:
    kpis = json.loads(json.dumps(run(load_scenario(scenario), shoppers=shoppers).kpis))
    path = GOLDEN / f"{scenario}_{shoppers}.json"
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(json.dumps(kpis, indent=2, sort_keys=True) + "\n")
    assert kpis == json.loads(path.read_text())
