"""Amazon Connect Streams (npm ``amazon-connect-streams``): ``AmazonConnect(connect="connect")``.

- ``connect.agent(cb)`` gives the ``Agent``; ``connect.contact(cb)`` each new contact.
  Only voice contacts (``voice``, ``queue_callback``) drive the button.
- ``agent.mute()`` / ``agent.unmute()`` return nothing: they only broadcast a request
  to the softphone. ``agent.onMuteToggle(cb)`` with ``{muted}`` is the confirmation,
  and it also comes unasked (on init, to sync tabs; ``{muted: false}`` when a call's
  media ends), so every one is adopted as the truth. With no local media stream the
  softphone answers nothing at all: the request times out. Streams has no getter for
  the local mute, so the microphone is ``unknown`` until the first ``onMuteToggle``.
- Call state: ``contact.getState().type`` re-read on the contact's events
  (``init``, ``incoming``, ``pending``, ``connecting`` ring; ``connected``;
  ``missed``, ``rejected``, ``error``, ``ended`` (after-call work) end; ``paused`` is
  held). A connected contact is held when the agent's own connection is on hold, or
  when every other party (customer, third party) is. ``onDestroy`` means no contact.
- A new voice contact is followed unless the agent is still on the followed one. When
  the followed contact ends, is held or is destroyed, the adapter moves to the best
  other voice contact of ``agent.getContacts()``: a connected one, else a held one,
  else a ringing one (a consult call, a transfer), re-checked on ``agent.onRefresh``
  (every new snapshot of the agent's data).
- Before ``connect.core.initCCP()`` Streams has no event bus (``connect.core.eventBus``
  is created by initCCP), so ``connect.agent()`` and ``connect.contact()`` would
  throw. The adapter shows the call as ``unknown`` with an ``unavailable`` reason that
  says so, reads ``connect.core.getEventBus()`` every quarter second, and subscribes
  as soon as the bus is there.
"""

from .. import bridge, errors
from .base import Adapter, ask, has_methods, normalise, refused, sdk_object
from .follow import CallScope

CONTACT_STATES = {
    "init": "ringing",
    "incoming": "ringing",
    "pending": "ringing",
    "connecting": "ringing",
    "connected": "connected",
    "missed": "ended",
    "rejected": "ended",
    "error": "ended",
    "ended": "ended",
    "paused": "held",
}
#: Contact events after which its state is read again.
CONTACT_EVENTS = (
    "onRefresh",
    "onIncoming",
    "onPending",
    "onConnecting",
    "onAccepted",
    "onConnected",
    "onMissed",
    "onEnded",
    "onACW",
    "onError",
)
VOICE_TYPES = ("voice", "queue_callback")
AGENT_METHODS = ("mute", "unmute", "onMuteToggle")
CONTACT_METHODS = ("getState", "getType", "getAgentConnection", "onRefresh", "onDestroy")
#: How a contact ranks when the adapter looks for one to follow: higher is better.
RANK = {"connected": 3, "held": 2, "ringing": 1}
#: Seconds between two looks for the event bus while the page has not called initCCP.
CCP_POLL = 0.25
WAITING_FOR_CCP = (
    "Amazon Connect is not initialised yet: the page has not called connect.core.initCCP(). "
    "Mute becomes available once the CCP is initialised and a call is connected."
)


def contact_state(value) -> "str | None":
    """The widget's call state for a ``ContactStateType``; None when not a string."""
    return normalise(value, CONTACT_STATES)


class AmazonConnect(Adapter):
    """Adapter for Amazon Connect Streams: the ``connect`` global or a path/object to it."""

    name = "AmazonConnect"

    def __init__(self, connect="connect") -> None:
        self._ref = connect
        self._sink = None
        self._resources = None
        self._agent = None
        self._scope = None  # the followed contact's listeners; .call is the contact
        self._streams = None

    def attach(self, sink, resources: "bridge.Resources") -> None:
        streams = sdk_object(self._ref, self.name, ("agent", "contact"))
        self._sink, self._resources, self._streams = sink, resources, streams
        if self._bus_ready():
            self._subscribe()
            return
        sink.report_call("unknown")
        sink.report_error(errors.UNAVAILABLE, WAITING_FOR_CCP)
        resources.set_timeout(self._wait_for_ccp, CCP_POLL)

    def _bus_ready(self) -> bool:
        """Whether Streams has its event bus: ``connect.core.getEventBus()`` gives one
        once initCCP has run. A ``connect`` without ``core.getEventBus`` is taken as ready."""
        core = bridge.field(self._streams, "core")
        if not bridge.has_method(core, "getEventBus"):
            return True
        return bridge.kind(self._resources.call(core, "getEventBus")) == "object"

    def _wait_for_ccp(self) -> None:
        if self._bus_ready():
            self._subscribe()
        else:
            self._resources.set_timeout(self._wait_for_ccp, CCP_POLL)

    def _subscribe(self) -> None:
        self._sink.report_call("none")
        self._resources.subscribe(self._streams, "contact", self._on_contact)
        self._resources.subscribe(self._streams, "agent", self._on_agent)  # at once if initialised

    def request_mute(self, muted: bool, on_sent, on_failed) -> None:
        if self._agent is None:
            refused(on_failed, "the Amazon Connect agent is not initialised yet")
            return
        ask(self._resources, self._agent, "mute" if muted else "unmute", (), on_sent, on_failed)

    def resync(self) -> None:
        if self._scope is not None:
            self._report_contact()

    # -- the agent ------------------------------------------------------------------
    def _on_agent(self, *args) -> None:
        agent = args[0] if args else None
        if not has_methods(agent, AGENT_METHODS):
            bridge.warn(self.name + ": ignored an agent without mute(), unmute() and onMuteToggle()")
            return
        first = self._agent is None
        self._agent = agent
        if first:  # the toggle goes to every subscriber: one is enough
            self._resources.subscribe(agent, "onMuteToggle", self._on_mute)
            if bridge.has_method(agent, "onRefresh"):
                self._resources.subscribe(agent, "onRefresh", self._on_agent_refresh)
        if self._scope is None:
            self._reconsider(mounting=True)

    def _on_agent_refresh(self, *args) -> None:
        if self._scope is None or self._state_of(self._scope.call) != "connected":
            self._reconsider()

    def _reconsider(self, mounting: bool = False) -> None:
        """Follow the best voice contact the agent has: connected, else held, else
        ringing; the followed one stays unless another ranks higher. When the agent
        arrives with none of these, any voice contact (one in after-call work)."""
        if self._agent is None or not bridge.has_method(self._agent, "getContacts"):
            return
        contacts = bridge.items(self._resources.call(self._agent, "getContacts")) or []
        voice = [c for c in contacts if self._is_voice(c)]
        followed = self._scope.call if self._scope is not None else None
        mine = self._id_of(followed) if followed is not None else None
        best, best_rank = None, 0
        if followed is not None:
            best_rank = RANK.get(self._state_of(followed), 0)
        for contact in voice:
            rank = RANK.get(self._state_of(contact), 0)
            if rank > best_rank and (mine is None or self._id_of(contact) != mine):
                best, best_rank = contact, rank
        if best is None and mounting and followed is None and voice:
            best = voice[0]
        if best is not None:
            self._follow(best)

    def _on_mute(self, *args) -> None:
        muted = bridge.field(args[0] if args else None, "muted")
        if not isinstance(muted, bool):
            bridge.warn(self.name + ": ignored an onMuteToggle event without a boolean `muted`")
            return
        self._sink.report_mic(muted)

    # -- contacts ---------------------------------------------------------------------
    def _on_contact(self, *args) -> None:
        contact = args[0] if args else None
        if not self._is_voice(contact):
            return  # chat, task and email contacts have no microphone
        if self._scope is not None and self._state_of(self._scope.call) in ("connected", "held"):
            return  # the agent is still talking on the followed contact
        self._follow(contact)

    def _follow(self, contact) -> None:
        if self._scope is not None:
            self._scope.close()
        scope = CallScope(self._resources, contact)
        self._scope = scope
        for method in CONTACT_EVENTS:
            scope.subscribe(method, self._on_contact_event)
        scope.subscribe("onDestroy", self._on_destroy)
        self._report_contact()

    def _on_contact_event(self, *args) -> None:
        if self._report_contact() in ("ended", "held"):
            self._reconsider()

    def _on_destroy(self, *args) -> None:
        # The contact's data is gone: its getters would throw from now on.
        self._scope.close()
        self._scope = None
        self._sink.report_call("none")
        self._reconsider()

    def _report_contact(self) -> "str | None":
        contact = self._scope.call
        state = self._state_of(contact)
        if state is None:
            bridge.warn(self.name + ": contact.getState() gave no state type")
            return None
        self._sink.report_call(state)
        mine = self._resources.call(contact, "getAgentConnection")
        if bridge.has_method(mine, "isForcedMute"):
            # A supervisor's forced mute (VoiceConnection.isForcedMute(), the agent's leg):
            # shown muted until they lift it; then the local mute is unknown again.
            self._sink.report_forced(self._resources.call(mine, "isForcedMute") is True)
        return state

    def _id_of(self, contact):
        return self._resources.call(contact, "getContactId")

    def _state_of(self, contact) -> "str | None":
        """The widget's call state for a contact, hold included; None when unreadable."""
        state = contact_state(bridge.field(self._resources.call(contact, "getState"), "type"))
        if state == "connected" and self._held(contact):
            return "held"
        return state

    def _held(self, contact) -> bool:
        call = self._resources.call
        mine = call(contact, "getAgentConnection")
        if mine is not None and call(mine, "isOnHold") is True:
            return True
        others = [
            call(contact, "getActiveInitialConnection"),
            call(contact, "getSingleActiveThirdPartyConnection"),
        ]
        others = [c for c in others if c is not None]
        return bool(others) and all(call(c, "isOnHold") is True for c in others)

    def _is_voice(self, contact) -> bool:
        if not has_methods(contact, CONTACT_METHODS):
            bridge.warn(self.name + ": ignored a contact that is not a Streams Contact")
            return False
        return self._resources.call(contact, "getType") in VOICE_TYPES
