"""Running servers: free loopback ports, `domh` servers as child processes, the pair side by side, journals.

from harness.run import running_pair, collect_journals

with running_pair(workdir) as pair:       # mock DOM + commerce server on free 127.0.0.1 ports
    ...                                   # drive pair.commerce_url / pair.dom_url
    entries = collect_journals(pair)
"""

from harness.run.journals import collect_journals, journal_gaps
from harness.run.pair import Pair, running_pair, start_pair, stop_pair
from harness.run.ports import free_port, free_ports
from harness.run.process import ServerProcess, ServerStartError, domh_command

__all__ = [
    "Pair",
    "ServerProcess",
    "ServerStartError",
    "collect_journals",
    "journal_gaps",
    "domh_command",
    "free_port",
    "free_ports",
    "running_pair",
    "start_pair",
    "stop_pair",
]
