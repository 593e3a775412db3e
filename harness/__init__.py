"""The commerce side of the integration and the tooling around it: the reference commerce server
(`harness.commerce`), the `domh` command, running servers side by side, benchmarks and reports."""
