"""Shared pieces of the locustfiles: settings, the storefront base user, the shopper journey, pass/fail rules.

Nothing here imports locust at module level except `users` and `journey` (they define Locust classes); the
settings and thresholds are plain Python so they can be unit-tested without gevent's monkey-patching.
"""
