"""Twilio Voice JS (npm ``@twilio/voice-sdk``): ``TwilioDevice(device)`` and ``TwilioCall(call)``.

- ``call.mute(shouldMute)`` is synchronous and returns nothing; the ``mute`` event
  ``(isMuted, call)`` confirms it, and is emitted only when the state changes;
  ``call.isMuted()`` is read at mount and to re-sync.
- ``call.status()``: ``pending``, ``connecting``, ``ringing``, ``open``,
  ``reconnecting``, ``closed``; re-read on ``accept``, ``ringing``, ``reconnecting``,
  ``reconnected`` and ``error``. A ``reconnecting`` call that was open stays connected:
  the mute acts on the local microphone track, which the reconnection keeps. One that
  was never seen open is not: ``call.js`` ``_onTransportClose`` moves a call that rings
  to ``reconnecting`` too, and such a call never gets ``reconnected``.
- When the signalling transport closes, the call emits ``transportClose`` (undocumented:
  ``call.js`` ``_onTransportClose`` re-emits it from PStream) and only then changes its
  status: to ``reconnecting`` (with a reconnect token) or to ``closed`` with no event
  at all. A call still ``pending`` then is over for the agent: the Device drops it
  (``device.js`` ``_makeCall``, its ``transportClose`` listener) and ``accept()`` is a
  no-op; it is shown ``ended``. Any other call's status is read again right after.
- ``reconnected`` is emitted before the status becomes ``open`` (``call.js``
  ``_onMediaReconnected``, ``_onSignalingReconnected``): it is taken as ``open``.
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
    "reconnecting": "connected",  # only for a call that was open: see _state
    "closed": "ended",
}
#: Events after which the call's status() is read again.
STATUS_EVENTS = ("accept", "ringing", "reconnecting", "error")
#: Events after which the call is over and its media unmuted.
CLOSED_EVENTS = ("cancel", "reject", "disconnect")


def call_state(value) -> "str | None":
    """The widget's call state for a ``call.status()`` value; None when not a string."""
    return normalise(value, CALL_STATES)


class _TwilioCalls(FollowsCalls):
    """The call half shared by TwilioCall and TwilioDevice."""

    CALL_METHODS = ("on", "removeListener", "mute", "isMuted", "status")
    ANSWERED = ("accept",)
    #: A call waiting while the agent talks rings (``pending``): a transport close ends it.
    GONE = CLOSED_EVENTS + ("transportClose",)
    _was_open = False  # whether the followed call has been seen open
    _dropped = False  # the followed call rang when the transport closed: over for the agent

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
        self._was_open = self._dropped = False
        scope.on("mute", self._on_mute)
        for event in STATUS_EVENTS:
            scope.on(event, self._on_status)
        scope.on("reconnected", self._on_reconnected)
        scope.on("transportClose", lambda *args: self._on_transport_close(scope))
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
        return self._state() == "connected"

    def _state(self) -> "str | None":
        """The followed call's state; ``reconnecting`` is connected only after ``open``."""
        status = self._resources.call(self._call(), "status")
        state = call_state(status)
        if self._dropped and state is not None:
            return "ended"
        if status == "open":
            self._was_open = True
        elif status == "reconnecting" and not self._was_open:
            state = "ringing"
        return state

    def _phase(self, call) -> str:
        """What ``call`` is for the agent, from its own ``status()`` (follow.py asks it to
        choose among calls). The followed call is read with what was seen of it (open
        before, dropped); any other call is one the Device holds: waiting, or left when
        the agent moved on. None of those is ``reconnecting`` unless it was open: a
        transport close drops every waiting call (``GONE``)."""
        if self._scope is not None and call is self._scope.call:
            state = self._state()
        else:
            state = call_state(self._resources.call(call, "status"))
        return state if state in ("connected", "ended") else "ringing"

    def _report_status(self) -> "str | None":
        state = self._state()
        if state is None:
            bridge.warn(self.name + ": call.status() is not a string")
            return None
        self._sink.report_call(state)
        return state

    def _on_reconnected(self, *args) -> None:
        self._was_open = True  # the SDK sets status "open" right after this event
        self._sink.report_call("connected")

    def _on_transport_close(self, scope) -> None:
        if self._resources.call(scope.call, "status") == "pending":
            self._dropped = True
            self._on_closed()  # dropped by the Device; accept() does nothing from now on
            return

        def after() -> None:
            if scope is self._scope and scope.open:
                self._on_status()

        self._resources.set_timeout(after, 0)  # the status changes right after the event

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
