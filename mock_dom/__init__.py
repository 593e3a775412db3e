"""A stand-alone, stateful mock DOM (Distributed Order Management) server speaking OAGIS 9 BODs."""
