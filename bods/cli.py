"""`domh bod ...`: check BOD documents against the contract, list the supported BODs, print shipped samples.

Thin handlers: each parses its arguments, calls `bods` functions and prints; the exit code says whether every
document was accepted (0) or not (1); usage errors give 2.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path

from bods import catalog, codec, samples, validation
from bods.errors import BodError, Diagnostic
from bods.validation import readable
from bods.xmlsafety import DEFAULT_MAX_BYTES

BOD_HELP = """\
Work with BOD documents (the OAGIS 9 XML messages exchanged between the commerce server and DOM).

  domh bod validate PATH...   check files or folders of BODs (SOAP-wrapped or bare)
  domh bod types              list the BODs this contract supports
  domh bod sample NAME        print one of the shipped sample BODs
"""

VALIDATE_HELP = """\
Check each document exactly as a server would read it: hardened XML parsing (no DTDs or entities), the SOAP
1.1 envelope if there is one, the XSD schemas, then the rules the codec adds (action code per BOD, the
GetInventoryAvailability expression). Prints `OK  <file>  <Type>` or `FAIL <file>` followed by what is wrong,
with line numbers. Folders are searched for *.xml recursively. Exit status 0 only if every document is valid.
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    bod = subparsers.add_parser(
        "bod",
        help="check, list and print BOD documents",
        description=BOD_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    bod.set_defaults(handler=lambda args: _usage(bod))
    commands = bod.add_subparsers(dest="bod_command", metavar="SUBCOMMAND", title="subcommands")

    check = commands.add_parser(
        "validate",
        help="check BOD files or folders against the schemas",
        description=VALIDATE_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    check.add_argument("paths", nargs="+", metavar="PATH", help="an XML file, or a folder searched for *.xml")
    check.add_argument(
        "--max-bytes",
        type=int,
        default=DEFAULT_MAX_BYTES,
        help=f"refuse documents larger than this many bytes (default {DEFAULT_MAX_BYTES})",
    )
    check.set_defaults(handler=run_validate)

    types = commands.add_parser("types", help="list the supported BODs: namespace, action codes, direction")
    types.set_defaults(handler=run_types)

    sample = commands.add_parser(
        "sample",
        help="print a shipped sample BOD (without NAME: list the names)",
        description="Print a sample BOD shipped with dom-harness, e.g. `domh bod sample ConfirmBOD_1`. "
        "Documents that must be refused are under invalid/, e.g. `domh bod sample invalid/missing_sku`.",
    )
    sample.add_argument("name", nargs="?", metavar="NAME", help="sample name as listed without NAME")
    sample.set_defaults(handler=run_sample)


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 2


# --- validate -----------------------------------------------------------------------------------------------


def run_validate(args: argparse.Namespace) -> int:
    files = list(xml_files(args.paths))
    missing = [path for path in args.paths if not Path(path).exists()]
    for path in missing:
        print(f"FAIL {path}\n    no such file or folder")
    if not files and not missing:
        print("no *.xml documents found in " + ", ".join(args.paths))
        return 2
    failed = len(missing) + sum(not check_file(path, args.max_bytes) for path in files)
    print(f"{len(files) + len(missing)} documents: {len(files) - failed + len(missing)} OK, {failed} FAIL")
    return 1 if failed else 0


def xml_files(paths: list[str]) -> Iterator[Path]:
    for name in paths:
        path = Path(name)
        if path.is_dir():
            yield from sorted(path.rglob("*.xml"))
        elif path.is_file():
            yield path


def check_file(path: Path, max_bytes: int) -> bool:
    """Print the verdict for one document; True when it is accepted."""
    data = path.read_bytes()
    try:
        document = codec.parse(data, max_bytes=max_bytes)
    except BodError as error:
        print(f"FAIL {path}")
        for line in explain(data, error, max_bytes):
            print(f"    {line}")
        return False
    print(f"OK   {path}  {document.type_name}")
    return True


def explain(data: bytes, error: BodError, max_bytes: int) -> list[str]:
    """The error class and reason, then every located diagnostic (xmlschema's view for schema errors)."""
    reason = readable(error.reason)
    if len(reason) > 120:
        reason = reason[:117] + "..."
    lines = [f"{type(error).__name__}: {reason}"]
    diagnostics: list[Diagnostic] = list(error.diagnostics)
    if diagnostics and any(d.line for d in diagnostics):
        detailed = validation.diagnose(data, max_bytes=max_bytes)
        diagnostics = detailed or diagnostics
    lines.extend(str(diagnostic) for diagnostic in diagnostics if diagnostic.message)
    return lines


# --- types / sample -----------------------------------------------------------------------------------------


def run_types(args: argparse.Namespace) -> int:
    rows = [("BOD", "namespace", "action codes", "direction", "answered by")]
    for bod in catalog.BOD_TYPES:
        space = bod.namespace.replace("http://www.ibm.com/xmlns/prod/", "").replace("http://www.", "")
        rows.append((bod.name, space, ", ".join(bod.action_codes) or "-", bod.direction, bod.answer))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False)) + "  " + row[-1])
    print(
        "\nnamespaces: commerce/... = http://www.ibm.com/xmlns/prod/commerce/...,"
        " openapplications.org/... = OAGIS 9"
    )
    return 0


def run_sample(args: argparse.Namespace) -> int:
    if not args.name:
        print("\n".join(samples.names() + samples.names(invalid=True)))
        return 0
    try:
        data = samples.load(args.name)
    except KeyError:
        print(f"unknown sample {args.name!r}; the shipped samples are:", file=sys.stderr)
        print(
            "\n".join("  " + name for name in samples.names() + samples.names(invalid=True)), file=sys.stderr
        )
        return 2
    sys.stdout.write(data.decode("utf-8", errors="replace"))
    return 0
