"""A softphone written to the embeddable-client contract, in plain Python, for the real
``MuteButton`` on CPython's page (``widget/bridge/page.py``).

It keeps the truth (call state, microphone), records every request it received and
every value it told the widget, and settles each request only when the test says so.
"""

from widget.bridge import page

#: The contract's state string for each of the widget's call states.
SDK_STATES = {
    "none": "idle",
    "ringing": "ringing",
    "connected": "connected",
    "held": "held",
    "ended": "ended",
    "unknown": "transferring",
}


class Softphone:
    """``on``/``off``, ``stateChange``, ``micStateChange``, ``getState()``, ``muteMic()``
    and, when ``getter``, ``isMicMuted()``."""

    def __init__(self, state: str = "idle", getter: bool = True) -> None:
        self.state = state
        self.muted = False
        self.listeners = {}
        self.requests = []  # (wanted, Deferred), in the order received
        self.told = None  # the last microphone value the widget heard from us
        if getter:
            self.isMicMuted = self._is_mic_muted

    # -- the contract -------------------------------------------------------------------
    def on(self, name, fn) -> None:
        self.listeners.setdefault(name, []).append(fn)

    def off(self, name, fn) -> None:
        if fn in self.listeners.get(name, []):
            self.listeners[name].remove(fn)

    def getState(self) -> str:
        return self.state

    def muteMic(self, muted):
        deferred = page.Deferred()
        self.requests.append((muted, deferred))
        return deferred

    def _is_mic_muted(self) -> bool:
        self.told = self.muted
        return self.muted

    # -- what the test makes it do ----------------------------------------------------------
    def emit(self, name, value) -> None:
        if name == "micStateChange" and isinstance(value, bool):
            self.told = value
        for fn in list(self.listeners.get(name, [])):
            fn(value)

    def change_state(self, state: str) -> None:
        self.state = state
        if state in ("idle", "ended"):
            self.muted = False  # a call's media ends unmuted
        self.emit("stateChange", state)

    def change_mic(self, muted: bool) -> None:
        self.muted = muted
        self.emit("micStateChange", muted)

    def listener_count(self) -> int:
        return sum(len(fns) for fns in self.listeners.values())


def blank_page(*ids: str) -> None:
    """A fresh plain-Python page with one empty ``<div id=...>`` per id, for buttons to mount in."""
    page.reset()
    for name in ids:
        row = page.document.createElement("div")
        row.id = name
        page.document.body.appendChild(row)
