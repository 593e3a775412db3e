"""How much the contract costs on top of raw XML parsing: documents per second for

(a) a bare hardened lxml parse of each shipped valid sample (`etree.fromstring`, the project's parser), and
(b) the full `bods.codec.parse` (hardened parse + SOAP unwrap + XSD validation + decode to dataclasses),

measured interleaved in the same run (short alternating batches), so machine noise hits both alike. The ratio
full/bare says what fraction of raw parsing speed the codec keeps; the target is 0.5 or better.
`domh bench bods` calls `run(seconds)` and prints `format_result(...)`.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable, Sequence

from lxml import etree

from bods import codec, samples, validation
from bods.xmlsafety import new_parser

TARGET_RATIO = 0.5
BATCH = 5  # passes over all samples per timed batch
MAX_ROUNDS = 100_000


def run(seconds: float = 3.0) -> dict[str, float | int | str]:
    """Measure for about `seconds` (split evenly between both cases) and return rates and their ratio."""
    documents = [samples.load(name) for name in samples.names()]
    parser = new_parser()
    validation.warm_up()
    for data in documents:  # warm caches (schema, expression memo) outside the timed part
        codec.parse(data)

    def bare() -> None:
        for data in documents:
            etree.fromstring(data, parser)

    def full() -> None:
        for data in documents:
            codec.parse(data)

    timings = {"bare": 0.0, "full": 0.0}
    cases: list[tuple[str, Callable[[], None]]] = [("bare", bare), ("full", full)]
    started = time.perf_counter()
    rounds = 0
    while time.perf_counter() - started < seconds and rounds < MAX_ROUNDS:
        for name, case in cases if rounds % 2 == 0 else reversed(cases):
            timings[name] += _timed(case)
        rounds += 1
    parsed = rounds * BATCH * len(documents)
    bare_rate = parsed / timings["bare"] if timings["bare"] else 0.0
    full_rate = parsed / timings["full"] if timings["full"] else 0.0
    return {
        "documents": len(documents),
        "bytes": sum(len(data) for data in documents),
        "rounds": rounds,
        "parses_per_case": parsed,
        "seconds": round(time.perf_counter() - started, 3),
        "bare_docs_per_s": round(bare_rate, 1),
        "full_docs_per_s": round(full_rate, 1),
        "bare_us_per_doc": round(1e6 / bare_rate, 2) if bare_rate else 0.0,
        "full_us_per_doc": round(1e6 / full_rate, 2) if full_rate else 0.0,
        "ratio": round(full_rate / bare_rate, 3) if bare_rate else 0.0,
        "target_ratio": TARGET_RATIO,
        "lxml": ".".join(map(str, etree.LXML_VERSION)),
        "libxml2": ".".join(map(str, etree.LIBXML_VERSION)),
    }


def _timed(case: Callable[[], None]) -> float:
    started = time.perf_counter()
    for _ in range(BATCH):
        case()
    return time.perf_counter() - started


def format_result(result: dict[str, float | int | str]) -> str:
    """A short human-readable report of `run()`'s result."""
    verdict = "meets" if float(result["ratio"]) >= TARGET_RATIO else "below"
    return "\n".join(
        [
            f"BOD codec benchmark: {result['documents']} shipped samples ({result['bytes']} bytes), "
            f"{result['parses_per_case']} parses per case in {result['seconds']} s",
            f"  bare hardened lxml parse   {float(result['bare_docs_per_s']):>10.0f} docs/s"
            f"  ({result['bare_us_per_doc']} us/doc)",
            f"  full codec.parse           {float(result['full_docs_per_s']):>10.0f} docs/s"
            f"  ({result['full_us_per_doc']} us/doc)  parse + SOAP + XSD + decode",
            f"  ratio full/bare            {float(result['ratio']):>10.2f}"
            f"  ({verdict} the target {TARGET_RATIO})",
            f"  lxml {result['lxml']}, libxml2 {result['libxml2']}",
        ]
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Measure bods.codec.parse against a bare lxml parse.")
    parser.add_argument("--seconds", type=float, default=3.0, help="how long to measure (default 3)")
    args = parser.parse_args(argv)
    print(format_result(run(args.seconds)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
