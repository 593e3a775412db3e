"""`domh`: the one command of dom-harness.

Each command group lives next to the code it drives and exposes `register(subparsers)`; this module only
collects them, so `domh --help` lists every job in one place. Handlers are thin: parse, call one function,
print, return an exit code.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence

# Modules that add sub-commands, in the order `domh --help` lists them.
COMMAND_MODULES = (
    "mock_dom.cli",  # domh mock-dom
    "harness.commerce.cli",  # domh commerce [load]
    "storefront_sim.cli",  # domh demo, domh simulate
    "bods.cli",  # domh bod validate|types|sample
    "harness.bench",  # domh bench bods|mock-dom|availability|sim
)

DESCRIPTION = """\
dom-harness: develop and test a commerce <-> DOM (Distributed Order Management) integration
without either real system.

Getting started (each server in its own terminal):
  domh mock-dom                 a stateful mock DOM on http://127.0.0.1:8001 (admin API: /__admin/)
  domh commerce                 the reference commerce server on http://127.0.0.1:8000, using that DOM
  curl http://127.0.0.1:8000/wcs/resources/store/10101/inventoryavailability/12001
Or run everything at once with simulated shoppers and a report:
  domh demo

Run `domh COMMAND --help` for the options of each command.
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="domh", description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug detail to stderr")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    return int(args.handler(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
