"""What the mute button shows, derived only from what the softphone reported.

Pure logic with no browser import, so CPython tests every rule in milliseconds:

- the button is enabled only while the call is connected and no request is in flight;
- it shows "muted" only when the softphone confirmed it (or, for an SDK that cannot
  confirm, assumed and flagged as unconfirmed); a click never changes what is shown;
- at most one request is in flight; a failure or timeout leaves the confirmed state
  and says why; a late report from the softphone is always adopted as the truth;
- when the call leaves "connected", nothing stays pending; when it ends, its mute
  state is forgotten, so the next call never starts out shown as muted.
"""

from . import errors

CALL_STATES = ("none", "ringing", "connected", "held", "ended", "unknown")
MIC_STATES = ("muted", "unmuted", "unknown")
STATUSES = ("unavailable", "ready", "pending", "error")

_CALL_WORDS = {
    "none": "no call",
    "ringing": "the call is still ringing",
    "held": "the call is on hold",
    "ended": "the call has ended",
    "unknown": "the call state is unknown",
}


class MuteModel:
    """Call state x mic state x pending request; every input returns nothing but state."""

    def __init__(self) -> None:
        self.call = "unknown"
        self.mic = "unknown"
        self.confirmed = False
        self.pending = None  # the mute asked for while a request is in flight
        self.request_id = 0
        self.error = None  # (code, reason)

    # -- reports from the softphone -------------------------------------------------
    def call_changed(self, call: str) -> None:
        """The softphone reports a call state (already one of CALL_STATES)."""
        if call not in CALL_STATES:
            call = "unknown"
        if call == self.call:
            return
        self.call = call
        self.error = None
        if call != "connected":
            self.pending = None
        if call in ("none", "ended"):
            # A mute belongs to its call: the next call starts unconfirmed, never "muted".
            self.mic = "unknown"
            self.confirmed = False

    def mic_changed(self, muted: bool, confirmed: bool = True) -> None:
        """The softphone reports the microphone; this is the truth, asked for or not."""
        mic = "muted" if muted else "unmuted"
        if mic != self.mic:
            self.error = None
        self.mic = mic
        self.confirmed = confirmed
        if self.pending is not None and self.pending == muted:
            self.pending = None
            self.error = None

    # -- the user's intent and its outcome -----------------------------------------
    def request(self) -> "bool | None":
        """A click or shortcut: the mute to ask the SDK for, or None when not allowed now."""
        if self.pending is not None:
            return None
        if self.call != "connected":
            self.error = (
                errors.NOT_CONNECTED,
                errors.reason(errors.NOT_CONNECTED, "now " + _CALL_WORDS[self.call]),
            )
            return None
        self.request_id += 1
        self.pending = self.mic != "muted"
        self.error = None
        return self.pending

    def request_failed(self, request_id: int, code: str, reason: str) -> None:
        """The SDK refused request ``request_id``: roll back to the confirmed state."""
        if request_id == self.request_id and self.pending is not None:
            self.pending = None
            self.error = (code, reason)

    def request_assumed(self, request_id: int) -> None:
        """An SDK that cannot confirm accepted the request: show it, flagged unconfirmed."""
        if request_id == self.request_id and self.pending is not None:
            self.mic = "muted" if self.pending else "unmuted"
            self.confirmed = False
            self.pending = None
            self.error = None

    def fail(self, code: str, reason: str) -> None:
        """A problem found outside any request (for example audio still being sent)."""
        self.error = (code, reason)

    def clear_error(self, code: str) -> None:
        """The problem ``code`` is over (the audio was verified off): forget it, not another error."""
        if self.error is not None and self.error[0] == code:
            self.error = None

    # -- what to show ---------------------------------------------------------------
    @property
    def status(self) -> str:
        if self.pending is not None:
            return "pending"
        if self.error is not None:
            return "error"
        return "ready" if self.call == "connected" else "unavailable"

    def unavailable_reason(self) -> "str | None":
        """Why the button is disabled, for its tooltip; None while it is enabled."""
        if self.pending is not None:
            return "Waiting for the softphone to confirm."
        if self.call != "connected":
            return "Mute is available during a connected call; " + _CALL_WORDS[self.call] + "."
        return None

    def key(self) -> tuple:
        """Everything attributes() depends on, as one hashable value: equal keys give
        equal attributes, so the view computes each change of attributes once."""
        error = self.error
        return (
            self.call,
            self.mic,
            self.confirmed,
            self.pending is not None,
            None if error is None else error[:1],
        )

    def attributes(self) -> dict:
        """The button's attributes as name -> value (None: attribute absent); a function
        of key() alone."""
        pending = self.pending is not None
        code = self.error[0] if self.error is not None else None
        return {
            "disabled": True if (pending or self.call != "connected") else None,
            "aria-pressed": "true" if self.mic == "muted" else "false",
            "aria-busy": "true" if pending else None,
            "data-call": self.call,
            "data-mic": self.mic,
            "data-status": self.status,
            "data-confirmed": "true" if self.confirmed else "false",
            "data-error": code,
            "title": self.unavailable_reason(),
        }
