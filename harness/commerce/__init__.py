"""The reference commerce integration server (WebSphere Commerce style, inventory system DOM)."""
