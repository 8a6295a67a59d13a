"""Twilio Voice JS (npm ``@twilio/voice-sdk``): ``TwilioDevice(device)`` and ``TwilioCall(call)``.

- ``call.mute(shouldMute)`` is synchronous and returns nothing; the ``mute`` event
  ``(isMuted, call)`` confirms it, and is emitted only when the state changes;
  ``call.isMuted()`` is read at mount and to re-sync.
- ``call.status()``: ``pending``, ``connecting``, ``ringing``, ``open``,
  ``reconnecting``, ``closed``; re-read on ``accept``, ``ringing``, ``reconnecting``,
  ``reconnected`` and ``error``. A ``reconnecting`` call stays connected: the mute
  acts on the local microphone track, which the media reconnection keeps.
- When a call closes its media is unmuted with no ``mute`` event, so ``disconnect``,
  ``cancel`` and ``reject`` report the microphone as on.
- ``TwilioDevice`` follows each call the device announces with ``incoming``; a call
  that rings while the agent is on another waits until it is accepted or the other
  ends. An outgoing call (``await device.connect(...)``) is handed over with
  ``adapter.follow(call)``.

Listeners come off with ``removeListener`` (``Call`` and ``Device`` are EventEmitters).
"""

from .. import bridge
from .base import ask, normalise, refused, sdk_object
from .follow import FollowsCalls

CALL_STATES = {
    "pending": "ringing",
    "connecting": "ringing",
    "ringing": "ringing",
    "open": "connected",
    "reconnecting": "connected",
    "closed": "ended",
}
#: Events after which the call's status() is read again.
STATUS_EVENTS = ("accept", "ringing", "reconnecting", "reconnected", "error")
#: Events after which the call is over and its media unmuted.
CLOSED_EVENTS = ("cancel", "reject", "disconnect")


def call_state(value) -> "str | None":
    """The widget's call state for a ``call.status()`` value; None when not a string."""
    return normalise(value, CALL_STATES)


class _TwilioCalls(FollowsCalls):
    """The call half shared by TwilioCall and TwilioDevice."""

    CALL_METHODS = ("on", "removeListener", "mute", "isMuted", "status")
    ANSWERED = ("accept",)
    GONE = CLOSED_EVENTS

    def request_mute(self, muted: bool, on_sent, on_failed) -> None:
        call = self._call()
        if call is None:
            refused(on_failed, "no Twilio call to mute")
            return
        ask(self._resources, call, "mute", (muted,), on_sent, on_failed)

    def media_source(self):
        """The call's local stream (``call.getLocalStream()``), for verify_media."""
        call = self._call()
        return None if call is None else self._resources.call(call, "getLocalStream")

    def _watch(self, scope) -> None:
        scope.on("mute", self._on_mute)
        for event in STATUS_EVENTS:
            scope.on(event, self._on_status)
        for event in CLOSED_EVENTS:
            scope.on(event, self._on_closed)

    def _read(self) -> None:
        if self._report_status() == "ended":
            self._sink.report_mic(False)
            return
        muted = self._resources.call(self._call(), "isMuted")
        if isinstance(muted, bool):
            self._sink.report_mic(muted)

    def _talking(self) -> bool:
        return call_state(self._resources.call(self._call(), "status")) == "connected"

    def _report_status(self) -> "str | None":
        state = call_state(self._resources.call(self._call(), "status"))
        if state is None:
            bridge.warn(self.name + ": call.status() is not a string")
            return None
        self._sink.report_call(state)
        return state

    def _on_mute(self, *args) -> None:
        muted = args[0] if args else None
        if not isinstance(muted, bool):
            bridge.warn(self.name + ": ignored a mute event whose first argument is not a boolean")
            return
        self._sink.report_mic(muted)

    def _on_status(self, *args) -> None:
        if self._report_status() == "ended":  # an error that closed the call
            self._on_closed()

    def _on_closed(self, *args) -> None:
        self._sink.report_call("ended")
        self._sink.report_mic(False)  # the SDK unmutes closed media without a mute event
        self._call_over()


class TwilioCall(_TwilioCalls):
    """Adapter for one Twilio ``Call`` (or a dotted path to it on window)."""

    name = "TwilioCall"

    def attach(self, sink, resources: "bridge.Resources") -> None:
        call = sdk_object(self._first, self.name, self.CALL_METHODS)
        self._first = call
        self._start(sink, resources)


class TwilioDevice(_TwilioCalls):
    """Adapter for a Twilio ``Device``: follows its incoming calls, and any call given
    to ``follow(call)`` (an outgoing call from ``device.connect()``)."""

    name = "TwilioDevice"

    def __init__(self, device) -> None:
        super().__init__()
        self._ref = device

    def attach(self, sink, resources: "bridge.Resources") -> None:
        device = sdk_object(self._ref, self.name, ("on", "removeListener"))
        sink.report_call("none")
        self._start(sink, resources)
        resources.listen(device, "incoming", self._on_incoming, add="on", remove="removeListener")
        if self._scope is None:  # mounted while a call rings: the device lists it in `calls`
            ringing = bridge.items(bridge.field(device, "calls")) or []
            if ringing:
                self._announced(ringing[-1])

    def _on_incoming(self, *args) -> None:
        self._announced(args[0] if args else None)
