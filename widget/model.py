"""What the mute button shows, derived only from what the softphone reported.

Pure logic with no browser import, so CPython tests every rule in milliseconds:

- the button is enabled only while the call is connected and no request is in flight;
- it shows "muted" only when the softphone confirmed it (or, for an SDK that cannot
  confirm, assumed and flagged as unconfirmed); a click never changes what is shown;
- at most one request is in flight; a failure or timeout leaves the confirmed state
  and says why; a late report from the softphone is always adopted as the truth;
- when the call leaves "connected", nothing stays pending; when it ends, its mute
  state is forgotten, so the next call never starts out shown as muted;
- a mute a supervisor forced is shown muted and cannot be lifted from the button;
- while the microphone is unknown, a press asks to mute; when that request got no
  answer at all (a timeout), the next press asks to unmute, so an SDK that stays
  silent when asked for the state it already has cannot lock the agent out.
"""

from . import errors
from .i18n import text
from .locales.en import CATALOG as EN

CALL_STATES = ("none", "ringing", "connected", "held", "ended", "unknown")
MIC_STATES = ("muted", "unmuted", "unknown")
STATUSES = ("unavailable", "ready", "pending", "error")


class MuteModel:
    """Call state x mic state x pending request x media check; what the softphone said."""

    def __init__(self, catalog: "dict | None" = None) -> None:
        self.catalog = catalog or EN  # the agent's language, for the reasons the model writes
        self.call = "unknown"
        self.mic = "unknown"
        self.confirmed = False
        self.pending = None  # the mute asked for while a request is in flight
        self.request_id = 0
        self.error = None  # (code, reason)
        self.media = ("off", "")  # the media check's (state, detail): see verify.py
        self.waiting = None  # what the widget waits for before the SDK is there ("window.x")
        self.unanswered = None  # the request that timed out while the mic was unknown
        self.forced = False  # a supervisor forced the mute: only they can lift it
        self.talking = False  # the talk warning heard the agent talk while muted (talk.py)

    # -- reports from the softphone -------------------------------------------------
    def call_changed(self, call: str) -> None:
        """The softphone reports a call state (already one of CALL_STATES)."""
        if call not in CALL_STATES:
            call = "unknown"
        if call == self.call:
            return
        self.call = call
        self.error = None
        self.unanswered = None
        if call != "connected":
            self.pending = None
        if call in ("none", "ended"):
            # A mute belongs to its call: the next call starts unconfirmed, never "muted".
            self.mic = "unknown"
            self.confirmed = False
            self.forced = False

    def mic_changed(self, muted: bool, confirmed: bool = True) -> None:
        """The softphone reports the microphone; this is the truth, asked for or not."""
        mic = "muted" if muted else "unmuted"
        if mic != self.mic:
            self.error = None
        self.mic = mic
        self.unanswered = None
        self.forced = False
        self.confirmed = confirmed
        if self.pending is not None and self.pending == muted:
            self.pending = None
            self.error = None

    def forced_changed(self, forced: bool) -> None:
        """A supervisor forced the mute (shown muted, confirmed) or lifted it (the
        microphone is then unknown until the softphone says)."""
        if forced:
            self.forced = True
            self.mic = "muted"
            self.confirmed = True
            self.pending = None
            self.error = None
        elif self.forced:
            self.forced = False
            self.mic = "unknown"
            self.confirmed = False

    # -- the user's intent and its outcome -----------------------------------------
    def request(self) -> "bool | None":
        """A click or shortcut: the mute to ask the SDK for, or None when not allowed now."""
        if self.pending is not None:
            return None
        if self.forced:
            self.error = (errors.FORCED_MUTE, errors.reason(errors.FORCED_MUTE, None, self.catalog))
            return None
        if self.call != "connected":
            self.error = (
                errors.NOT_CONNECTED,
                errors.reason(errors.NOT_CONNECTED, self.call_words(), self.catalog),
            )
            return None
        self.request_id += 1
        if self.mic == "unknown" and self.unanswered is not None:
            self.pending = not self.unanswered
        else:
            self.pending = self.mic != "muted"
        self.error = None
        return self.pending

    def request_failed(self, request_id: int, code: str, reason: str) -> None:
        """The SDK refused request ``request_id``: roll back to the confirmed state."""
        if request_id == self.request_id and self.pending is not None:
            if code == errors.TIMEOUT and self.mic == "unknown":
                self.unanswered = self.pending
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
        """A problem found outside any request (a refused token, say)."""
        self.error = (code, reason)

    def media_changed(self, state: str, detail: str) -> None:
        """The media check's new state; "sending" while muted is the media-not-muted error."""
        self.media = (state, detail)
        if state == "sending":
            self.error = (errors.MEDIA_NOT_MUTED, errors.reason(errors.MEDIA_NOT_MUTED, detail, self.catalog))
        elif self.error is not None and self.error[0] == errors.MEDIA_NOT_MUTED:
            self.error = None

    def call_words(self) -> str:
        """How a reason names the call state ("now the call is on hold")."""
        return text(self.catalog, "detail_now", call=text(self.catalog, "call_" + self.call))

    # -- what to show ---------------------------------------------------------------
    @property
    def status(self) -> str:
        if self.pending is not None:
            return "pending"
        if self.error is not None:
            return "error"
        return "ready" if self.call == "connected" and not self.forced else "unavailable"
