"""The reference commerce integration server (WebSphere Commerce style, inventory system DOM).

`create_app(config)` builds the Flask application (see harness/commerce/README.md); `domh commerce` serves it.
"""

from __future__ import annotations

from typing import Any


def __getattr__(name: str) -> Any:
    # Lazy, so importing the pure domain package does not import Flask.
    if name == "create_app":
        from harness.commerce.web.app import create_app

        return create_app
    if name == "CommerceConfig":
        from harness.commerce.config import CommerceConfig

        return CommerceConfig
    raise AttributeError(name)
