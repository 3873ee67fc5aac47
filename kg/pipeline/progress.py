"""A progress bar for long builds: documents done and documents per second, on stderr.

It appears only after a couple of seconds (short builds stay silent) and only on a terminal, so
logs and pipes get no carriage-return noise; ``kg build -q`` turns it off.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")

#: Seconds before the bar is shown.
DELAY = 2.0


def progress(items: Iterable[T], enabled: bool = True, desc: str = "kg build") -> Iterator[T]:
    """Yield ``items`` unchanged, showing a ``docs/s`` progress bar on stderr when ``enabled``."""
    if not enabled:
        yield from items
        return
    from tqdm import tqdm

    # disable=None: tqdm shows the bar only when stderr is a terminal
    with tqdm(items, desc=desc, unit="doc", delay=DELAY, disable=None, dynamic_ncols=True, leave=False) as bar:
        yield from bar
