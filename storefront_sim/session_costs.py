"""Where a fast-mode shopper session's time goes: one batch sampled, its time shared out by layer.

`domh bench sim` says how many sessions a second the full model runs; this says what a session is made of,
so the figure can be read against its target (a session at 2,000/s has 500 us in all). While one batch runs,
the process's CPU timer (`ITIMER_PROF`) interrupts it every `INTERVAL_S` of CPU time, or at the kernel's
coarser tick (the bench prints how many samples it took), and each sample counts for the layer of the
innermost frame whose code belongs to one (SQLAlchemy is the database, `bods` the codec, ...). A signal
handler runs at the first bytecode after the interrupted C call returns, so time inside C (sqlite3's cursor,
lxml's parser) and the standard library counts for the code that called it. A sampling thread would not do:
it gets the interpreter lock mostly when sqlite3 or lxml release it, so it sees little else. A deterministic
profiler would add its own cost to every Python call.

The same batch counts the SQL statements executed and the BODs exchanged per session.
"""

from __future__ import annotations

import signal
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any

import simpy
import sqlalchemy
from sqlalchemy import event
from sqlalchemy.engine import Engine

import bods
import harness.commerce
import mock_dom
import storefront_sim

INTERVAL_S = 0.001
UNATTRIBUTED = "other (interpreter, unclaimed)"


def _folder(module: Any) -> str:
    return str(Path(module.__file__).parent) + "/"


def _layer_folders() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Layers in matching order (a storage folder before the server it belongs to)."""
    commerce, dom = _folder(harness.commerce), _folder(mock_dom)
    return (
        ("database (SQLAlchemy, sqlite3)", (_folder(sqlalchemy),)),
        ("storage adapters (both servers)", (commerce + "storage/", dom + "storage/")),
        ("BOD codec (bods, lxml)", (_folder(bods),)),
        ("commerce services", (commerce,)),
        ("mock DOM services", (dom,)),
        ("simulation (model, adapters, SimPy)", (_folder(storefront_sim), _folder(simpy))),
    )


LAYERS = tuple(name for name, _ in _layer_folders()) + (UNATTRIBUTED,)


class LayerOf:
    """The layer a stack's time belongs to: that of its innermost frame in a layer's folders."""

    def __init__(self) -> None:
        self._folders = _layer_folders()
        self._files: dict[str, str | None] = {}

    def of_file(self, filename: str) -> str | None:
        if filename not in self._files:
            self._files[filename] = next(
                (name for name, folders in self._folders if filename.startswith(folders)), None
            )
        return self._files[filename]

    def of_stack(self, filenames: Iterator[str]) -> str:
        """`filenames` innermost first."""
        for filename in filenames:
            layer = self.of_file(filename)
            if layer is not None:
                return layer
        return UNATTRIBUTED


def stack_files(frame: FrameType | None) -> Iterator[str]:
    while frame is not None:
        yield frame.f_code.co_filename
        frame = frame.f_back


class StackSampler:
    """Counts, per layer, the main thread's stack every `interval_s` of process CPU time (Unix, main
    thread only: that is where Python runs signal handlers)."""

    def __init__(self, interval_s: float = INTERVAL_S) -> None:
        self.counts: Counter[str] = Counter()
        self._interval_s = interval_s
        self._layer_of = LayerOf()
        self._handler: Any = None

    def _sample(self, signum: int, frame: FrameType | None) -> None:
        self.counts[self._layer_of.of_stack(stack_files(frame))] += 1

    def __enter__(self) -> StackSampler:
        self._handler = signal.signal(signal.SIGPROF, self._sample)
        signal.setitimer(signal.ITIMER_PROF, self._interval_s, self._interval_s)
        return self

    def __exit__(self, *_: object) -> None:
        signal.setitimer(signal.ITIMER_PROF, 0, 0)
        signal.signal(signal.SIGPROF, self._handler)

    def shares(self) -> dict[str, float]:
        """Each layer's fraction of the samples, in LAYERS order."""
        total = sum(self.counts.values()) or 1
        return {name: self.counts[name] / total for name in LAYERS}


def can_sample() -> bool:
    """The sampler needs SIGPROF and the main thread."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


class StatementCount:
    """SQL statements executed on any engine while counting."""

    def __init__(self) -> None:
        self.count = 0

    def _seen(self, *_: Any) -> None:
        self.count += 1

    def __enter__(self) -> StatementCount:
        event.listen(Engine, "before_cursor_execute", self._seen)
        return self

    def __exit__(self, *_: object) -> None:
        event.remove(Engine, "before_cursor_execute", self._seen)


@dataclass(frozen=True)
class SessionCosts:
    """One sampled batch: each layer's share of the time, and the work a session did."""

    sessions: int
    samples: int
    shares: dict[str, float]
    sql_per_session: float
    bods_per_session: float

    def us_per_session(self, sessions_per_s: float) -> dict[str, float]:
        """Each layer's share of a session at the given (unsampled) rate, in microseconds."""
        if sessions_per_s <= 0:
            return {name: 0.0 for name in self.shares}
        return {name: share * 1e6 / sessions_per_s for name, share in self.shares.items()}


def sample_batch(run_batch: Callable[[], tuple[int, int]]) -> SessionCosts:
    """Sample one `run_batch() -> (sessions, bods exchanged)` and share its time out by layer."""
    with StatementCount() as statements, StackSampler() as sampler:
        sessions, exchanged = run_batch()
    per = max(sessions, 1)
    samples = sum(sampler.counts.values())
    return SessionCosts(sessions, samples, sampler.shares(), statements.count / per, exchanged / per)
