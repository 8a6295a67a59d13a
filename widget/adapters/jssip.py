"""JsSIP (npm ``jssip``): ``JsSipUA(ua)`` and ``JsSipSession(session)``.

- ``session.mute({audio: true})`` / ``session.unmute({audio: true})`` are synchronous;
  the ``muted`` / ``unmuted`` events confirm them. Their payload ``{audio, video}``
  names the tracks that just changed, not the state: ``{audio: false, video: true}``
  is a video change and leaves the microphone alone. A request for the state the
  session already has emits nothing (and times out); ``isMuted().audio`` is read at
  mount and to re-sync.
- Call state: ``progress`` and ``accepted`` are ringing (connecting), ``confirmed`` is
  connected, ``hold`` / ``unhold`` are read from ``isOnHold()`` (either side holding is
  held: JsSIP stops the local audio then), ``ended`` and ``failed`` are ended.
- ``JsSipUA`` follows each session the UA announces with ``newRTCSession``, incoming or
  outgoing; one that starts while the agent is on another waits until it is answered
  or the other ends.

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
    ANSWERED = ("accepted", "confirmed")
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
        session, call = self._call(), self._resources.call
        if call(session, "isEnded") is True:
            return "ended"
        confirmed = bridge.field(bridge.field(session, "C"), "STATUS_CONFIRMED")
        status = bridge.field(session, "status")
        if status is not None and status == confirmed:
            hold = call(session, "isOnHold")
            held = bridge.field(hold, "local") is True or bridge.field(hold, "remote") is True
            return "held" if held else "connected"
        if call(session, "isEstablished") is True or call(session, "isInProgress") is True:
            return "ringing"
        return "unknown"

    def _on_state(self, *args) -> None:
        self._sink.report_call(self._state())

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
