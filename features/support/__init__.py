"""Plain helpers behind the step definitions: where the servers are, seed items, BOD builders, polling."""
