"""JsSIP (npm ``jssip``): ``JsSipUA(ua)`` and ``JsSipSession(session)``.

- ``session.mute({audio: true})`` / ``session.unmute({audio: true})`` are synchronous;
  the ``muted`` / ``unmuted`` events confirm them. Their payload ``{audio, video}``
  names the tracks that just changed, not the state: ``{audio: false, video: true}``
  is a video change and leaves the microphone alone. A request for the state the
  session already has emits nothing (and times out); ``isMuted().audio`` is read at
  mount and to re-sync.
- Call state, read again after ``progress``, ``accepted``, ``confirmed``, ``hold`` and
  ``unhold``: ``isInProgress()`` is ringing, ``isEstablished()`` (answered, waiting for
  the ACK, confirmed) is connected, or held when ``isOnHold()`` says either side holds
  (JsSIP stops the local audio then); ``ended`` and ``failed`` are ended. Not
  ``status === CONFIRMED``: a re-INVITE from the far end leaves the session in
  ``WAITING_FOR_ACK`` and brings it back with no event.
- ``JsSipUA`` follows each session the UA announces with ``newRTCSession``, incoming or
  outgoing; one that starts while the agent is on another waits until it is answered.
  Every session is kept until it is over: when the followed one ends or is put on hold,
  the button moves to a connected session, else a held one, else a ringing one.

Listeners come off with ``removeListener`` (``UA`` and ``RTCSession`` are EventEmitters).
"""

from .. import bridge
from .base import ask, refused, sdk_object
from .follow import FollowsCalls

#: Events after which the session's state is read again.
STATE_EVENTS = ("progress", "accepted", "confirmed", "hold", "unhold")
#: Events after which the session is over.
END_EVENTS = ("ended", "failed")


class _JsSipSessions(FollowsCalls):
    """The session half shared by JsSipSession and JsSipUA."""

    CALL_METHODS = (
        "on",
        "removeListener",
        "mute",
        "unmute",
        "isMuted",
        "isOnHold",
        "isEnded",
        "isEstablished",
        "isInProgress",
    )
    ANSWERED = ("accepted", "confirmed", "unhold")
    GONE = END_EVENTS

    def media_source(self):
        """The session's ``RTCPeerConnection`` (``RTCSession.connection``), for verify_media."""
        session = self._call()
        return None if session is None else bridge.field(session, "connection")

    def request_mute(self, muted: bool, on_sent, on_failed) -> None:
        session = self._call()
        if session is None:
            refused(on_failed, "no JsSIP session to mute")
            return
        method = "mute" if muted else "unmute"
        ask(self._resources, session, method, (bridge.js_object("audio", True),), on_sent, on_failed)

    def _watch(self, scope) -> None:
        scope.on("muted", self._on_muted)
        scope.on("unmuted", self._on_unmuted)
        for event in STATE_EVENTS:
            scope.on(event, self._on_state)
        for event in END_EVENTS:
            scope.on(event, self._on_end)

    def _read(self) -> None:
        self._sink.report_call(self._state())
        audio = bridge.field(self._resources.call(self._call(), "isMuted"), "audio")
        if isinstance(audio, bool):
            self._sink.report_mic(audio)

    def _talking(self) -> bool:
        return self._state() in ("connected", "held")

    def _state(self) -> str:
        return self._phase(self._call())

    def _phase(self, session) -> str:
        """The state of any session, as RTCSession.js tells its phases apart."""
        call = self._resources.call
        if call(session, "isEnded") is True:
            return "ended"
        if call(session, "isEstablished") is True:
            hold = call(session, "isOnHold")
            held = bridge.field(hold, "local") is True or bridge.field(hold, "remote") is True
            return "held" if held else "connected"
        if call(session, "isInProgress") is True:
            return "ringing"
        return "unknown"

    def _on_state(self, *args) -> None:
        state = self._state()
        self._sink.report_call(state)
        if state == "held":
            self._call_held()

    def _on_end(self, *args) -> None:
        self._sink.report_call("ended")
        self._call_over()

    def _on_muted(self, *args) -> None:
        self._on_mute_event("muted", True, args)

    def _on_unmuted(self, *args) -> None:
        self._on_mute_event("unmuted", False, args)

    def _on_mute_event(self, event: str, muted: bool, args: tuple) -> None:
        changed = args[0] if args else None
        audio, video = bridge.field(changed, "audio"), bridge.field(changed, "video")
        if not isinstance(audio, bool) and not isinstance(video, bool):
            bridge.warn(self.name + ": ignored a " + event + " event without {audio, video}")
            return
        if audio is True:
            self._sink.report_mic(muted)


class JsSipSession(_JsSipSessions):
    """Adapter for one JsSIP ``RTCSession`` (or a dotted path to it on window)."""

    name = "JsSipSession"

    def attach(self, sink, resources: "bridge.Resources") -> None:
        self._first = sdk_object(self._first, self.name, self.CALL_METHODS)
        self._start(sink, resources)


class JsSipUA(_JsSipSessions):
    """Adapter for a JsSIP ``UA``: follows every session it announces with
    ``newRTCSession``, and any session given to ``follow(session)``."""

    name = "JsSipUA"

    def __init__(self, ua) -> None:
        super().__init__()
        self._ref = ua

    def attach(self, sink, resources: "bridge.Resources") -> None:
        ua = sdk_object(self._ref, self.name, ("on", "removeListener"))
        sink.report_call("none")
        self._start(sink, resources)
        resources.listen(ua, "newRTCSession", self._on_session, add="on", remove="removeListener")

    def _on_session(self, *args) -> None:
        self._announced(bridge.field(args[0] if args else None, "session"))
