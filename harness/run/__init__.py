"""Running servers: production WSGI serving, free loopback ports, start/stop as subprocesses."""
