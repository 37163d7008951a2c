"""Failed sign-ins slowed down per user name and per client address.

After ``max_failures`` failures in ``window`` seconds for one user name, that
name is locked for ``lockout`` seconds (the answer is 429 with Retry-After);
an address trying many names is locked the same way after
``max_address_failures``. A successful sign-in clears the name's count, not the
address's. Memory stays bounded: at most ``max_keys`` names and addresses are
tracked, the oldest forgotten first.
"""
from __future__ import annotations

import threading
import time
from collections import OrderedDict, deque

MAX_FAILURES = 5  # per user name
MAX_ADDRESS_FAILURES = 20  # per client address (several people behind one NAT share it)
WINDOW_S = 60.0
LOCKOUT_S = 60.0


class LoginThrottle:
    def __init__(self, max_failures: int = MAX_FAILURES, max_address_failures: int = MAX_ADDRESS_FAILURES,
                 window: float = WINDOW_S, lockout: float = LOCKOUT_S, max_keys: int = 10_000, clock=time.monotonic):
        self.limits = {"name": max_failures, "addr": max_address_failures}
        self.window, self.lockout, self.max_keys, self.clock = window, lockout, max_keys, clock
        self._failures: OrderedDict[tuple[str, str], deque] = OrderedDict()
        self._locked_until: dict[tuple[str, str], float] = {}
        self._lock = threading.Lock()

    @staticmethod
    def _keys(name: str, address: str) -> list[tuple[str, str]]:
        return [("name", (name or "").strip().casefold()), ("addr", address or "?")]

    def retry_after(self, name: str, address: str) -> float:
        """Seconds before this name or address may try again (0: allowed now)."""
        now = self.clock()
        with self._lock:
            waits = [self._locked_until.get(k, 0.0) - now for k in self._keys(name, address)]
        return max(0.0, *waits)

    def failure(self, name: str, address: str) -> None:
        now = self.clock()
        with self._lock:
            for key in self._keys(name, address):
                times = self._failures.pop(key, None) or deque()
                times.append(now)
                while times and times[0] < now - self.window:
                    times.popleft()
                self._failures[key] = times  # most recent last
                if len(times) >= self.limits[key[0]]:
                    self._locked_until[key] = now + self.lockout
                    times.clear()
            while len(self._failures) > self.max_keys:
                old, _ = self._failures.popitem(last=False)
                self._locked_until.pop(old, None)
            for key in [k for k, t in self._locked_until.items() if t <= now]:
                del self._locked_until[key]

    def success(self, name: str, address: str) -> None:
        with self._lock:
            key = self._keys(name, address)[0]
            self._failures.pop(key, None)
