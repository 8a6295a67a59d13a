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
- A new voice contact is followed unless the agent is still on the followed one.
"""

from .. import bridge
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

    def attach(self, sink, resources: "bridge.Resources") -> None:
        streams = sdk_object(self._ref, self.name, ("agent", "contact"))
        self._sink, self._resources = sink, resources
        sink.report_call("none")
        resources.subscribe(streams, "contact", self._on_contact)
        resources.subscribe(streams, "agent", self._on_agent)  # calls back at once once initialised

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
        if self._scope is None and bridge.has_method(agent, "getContacts"):
            self._adopt_existing(bridge.items(self._resources.call(agent, "getContacts")) or [])

    def _adopt_existing(self, contacts: list) -> None:
        """Mounted mid-call: follow the agent's live voice contact, else any voice contact."""
        voice = [c for c in contacts if self._is_voice(c)]
        live = [c for c in voice if self._state_of(c) in ("ringing", "connected", "held")]
        chosen = (live or voice or [None])[0]
        if chosen is not None:
            self._follow(chosen)

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
        self._report_contact()

    def _on_destroy(self, *args) -> None:
        # The contact's data is gone: its getters would throw from now on.
        self._scope.close()
        self._scope = None
        self._sink.report_call("none")

    def _report_contact(self) -> None:
        state = self._state_of(self._scope.call)
        if state is None:
            bridge.warn(self.name + ": contact.getState() gave no state type")
            return
        self._sink.report_call(state)

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
