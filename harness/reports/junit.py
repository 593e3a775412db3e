"""junit.xml: one testcase per invariant and per BOD type, so CI shows a run like a test suite."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from storefront_sim.kpis import bod_conformance
from storefront_sim.results import SimResult


def invariant_cases(suite: ET.Element, result: SimResult) -> int:
    failures = 0
    for invariant in result.invariants:
        case = ET.SubElement(suite, "testcase", classname="invariants", name=invariant.name)
        ET.SubElement(case, "system-out").text = invariant.description
        if not invariant.held:
            failures += 1
            failure = ET.SubElement(
                case, "failure", message=invariant.violations[0][:300], type="InvariantBroken"
            )
            failure.text = "\n".join(invariant.violations)
    return failures


def bod_cases(suite: ET.Element, result: SimResult) -> int:
    table = bod_conformance(result.bods)
    if not table:
        case = ET.SubElement(suite, "testcase", classname="bod_conformance", name="bods_captured")
        ET.SubElement(case, "skipped", message="no BODs were captured in this run")
    failures = 0
    for bod_type, row in table.items():
        case = ET.SubElement(suite, "testcase", classname="bod_conformance", name=bod_type)
        if row["invalid"]:
            failures += 1
            errors = [
                f"{b.at}: {'; '.join(b.errors)}" for b in result.bods if b.type == bod_type and not b.valid
            ]
            failure = ET.SubElement(
                case,
                "failure",
                type="BodInvalid",
                message=f"{row['invalid']} of {row['count']} {bod_type} failed validation",
            )
            failure.text = "\n".join(errors[:50])
    return failures


def suite_for(parent: ET.Element, mode: str, result: SimResult) -> None:
    suite = ET.SubElement(parent, "testsuite", name=f"storefront_sim.{result.scenario}.{mode}")
    failures = invariant_cases(suite, result) + bod_cases(suite, result)
    cases = suite.findall("testcase")
    skipped = sum(1 for case in cases if case.find("skipped") is not None)
    suite.set("tests", str(len(cases)))
    suite.set("failures", str(failures))
    suite.set("errors", "0")
    suite.set("skipped", str(skipped))
    suite.set("time", f"{result.sim_seconds:.3f}")


def write_junit(path: Path, runs: list[tuple[str, SimResult]]) -> Path:
    """One <testsuite> per run; the file is what CI systems pick up as test results."""
    root = ET.Element("testsuites", name="storefront_sim")
    for mode, result in runs:
        suite_for(root, mode, result)
    root.set("tests", str(sum(int(s.get("tests", "0")) for s in root)))
    root.set("failures", str(sum(int(s.get("failures", "0")) for s in root)))
    ET.indent(root)
    ET.ElementTree(root).write(path, encoding="utf-8", xml_declaration=True)
    return path
