"""Genesys Cloud WebRTC SDK (npm ``genesys-cloud-webrtc-sdk``): the softphone in the page.

Usage::

    sdk = new GenesysCloudWebrtcSdk({...}); await sdk.initialize()   // the page's JS
    button = MuteButton("#mute", GenesysWebRtc("sdk"))                 # follows the active call
    button = MuteButton("#mute", GenesysWebRtc("sdk", conversation_id))  # or one conversation

What it uses, each name checked against the package's typings by
tests/unit/test_typings_genesys.py (``dist/es/client.d.ts``, ``dist/es/types/interfaces.d.ts``):

- ``sdk.setAudioMute({conversationId, mute})`` -> ``Promise<void>``: the request. It
  resolves once the PATCH is sent; the mute is confirmed by the next update below.
- ``sdk.on('conversationUpdate', evt)``: ``evt.activeConversationId`` and ``evt.current[]``,
  each ``{conversationId, mostRecentCallState?: {state, muted, held}}``, and
  ``evt.removed[]``. ``state`` is a ``CommunicationStates`` value.
- ``sdk.on('sessionEnded', session, reason)``: ``session.conversationId``; the call is over.
- ``sdk.removeListener(name, fn)`` on destroy.

Without a ``conversation_id`` the button follows the SDK's ``activeConversationId``,
switching when another conversation becomes active, and starts afresh after
``sessionEnded``.
"""

from .. import bridge
from .base import Adapter, ask, normalise, refused, sdk_object

EVENTS = ("conversationUpdate", "sessionEnded")

# CommunicationStates (dist/es/types/enums.d.ts) -> the widget's call states.
CALL_STATES = {
    "alerting": "ringing",
    "contacting": "ringing",
    "dialing": "ringing",
    "connected": "connected",
    "hold": "held",
    "disconnected": "ended",
    "terminated": "ended",
}


def call_state(state, held=None) -> str:
    """The widget's call state for a ``mostRecentCallState``'s state and held flag."""
    shown = normalise(state, CALL_STATES) or "unknown"
    if shown == "connected" and held is True:
        return "held"
    return shown


class Conversations:
    """Which conversation the button follows and what it shows. Pure: no browser.

    ``update`` takes one ``conversationUpdate`` already read into Python: the active id,
    ``{conversationId: (state, muted, held)}`` for ``current`` and the removed ids.
    """

    def __init__(self, fixed: "str | None" = None) -> None:
        self.fixed = fixed
        self.current = fixed
        self.call = "none"
        self.muted = None  # bool once the SDK reported it for the followed conversation

    def update(self, active: "str | None", current: dict, removed: "tuple | list") -> bool:
        """Adopt one update; True when the followed conversation changed."""
        before = self.current
        if self.fixed is None:
            if active and active in current:
                self.current = active  # the SDK's active conversation
            elif self.current not in current and self.current not in removed:
                only = next(iter(current)) if len(current) == 1 else None
                self.current = active or only
        if self.current != before:
            self.muted = None
        entry = current.get(self.current)
        if entry is not None:
            state, muted, held = entry
            self.call = call_state(state, held)
            if isinstance(muted, bool):
                self.muted = muted
        elif self.current is not None and self.current in removed:
            self.call = "ended"
        elif self.current != before or self.call != "ended":
            self.call = "none"  # not (or no longer) among the SDK's conversations
        return self.current != before

    def ended(self, conversation_id) -> bool:
        """A session ended; True when it was the followed one (then follow anew)."""
        if conversation_id is None or conversation_id != self.current:
            return False
        self.call = "ended"
        if self.fixed is None:
            self.current = None
            self.muted = None
        return True


class GenesysWebRtc(Adapter):
    """Adapter for a ``GenesysCloudWebrtcSdk`` instance (an object or a dotted path on window)."""

    name = "GenesysWebRtc"

    def __init__(self, sdk, conversation_id: "str | None" = None) -> None:
        if conversation_id is not None and (not isinstance(conversation_id, str) or not conversation_id):
            raise ValueError(f"{self.name}: conversation_id must be a conversation id string or None")
        self._ref = sdk
        self._sdk = None
        self._sink = None
        self._resources = None
        self.conversations = Conversations(conversation_id)
        self._sessions = {}  # conversation id -> the SDK's media session (its ``pc`` is the call)

    def attach(self, sink, resources: "bridge.Resources") -> None:
        sdk = sdk_object(self._ref, self.name, ("on", "removeListener", "setAudioMute"))
        self._sdk, self._sink, self._resources = sdk, sink, resources
        resources.listen(sdk, "conversationUpdate", self._on_update, add="on", remove="removeListener")
        resources.listen(sdk, "sessionEnded", self._on_ended, add="on", remove="removeListener")
        self._report()

    def media_source(self):
        """The followed conversation's ``session.pc`` (an RTCPeerConnection), for verify_media."""
        session = self._sessions.get(self.conversations.current)
        return None if session is None else bridge.field(session, "pc")

    def request_mute(self, muted: bool, on_sent, on_failed) -> None:
        conversation_id = self.conversations.current
        if conversation_id is None or self.conversations.call != "connected":
            refused(on_failed, "no connected conversation")
            return
        options = bridge.js_object("conversationId", conversation_id, "mute", muted)
        ask(self._resources, self._sdk, "setAudioMute", (options,), on_sent, on_failed)

    def _on_update(self, *args) -> None:
        evt = args[0] if args else None
        read = _read_update(evt)
        if read is None:
            bridge.warn(
                "ignored a conversationUpdate that is not {activeConversationId, current[], removed[]}"
            )
            return
        self.conversations.update(*read)
        self._sessions = {}
        for entry in bridge.items(bridge.field(evt, "current")) or ():
            conversation_id = bridge.field(entry, "conversationId")
            if isinstance(conversation_id, str):
                self._sessions[conversation_id] = bridge.field(entry, "session")
        self._report()

    def _on_ended(self, *args) -> None:
        conversation_id = bridge.field(args[0] if args else None, "conversationId")
        if not isinstance(conversation_id, str):
            bridge.warn("ignored a sessionEnded without a session.conversationId")
            return
        if self.conversations.ended(conversation_id):
            self._report()

    def _report(self) -> None:
        self._sink.report_call(self.conversations.call)
        if self.conversations.muted is not None:
            self._sink.report_mic(self.conversations.muted)


def _read_update(evt) -> "tuple | None":
    """(active id, {conversationId: (state, muted, held)}, removed ids) from an
    ISdkConversationUpdateEvent; None when it is malformed."""
    active = bridge.field(evt, "activeConversationId")
    entries = bridge.items(bridge.field(evt, "current"))
    removed_entries = bridge.items(bridge.field(evt, "removed"))
    if not isinstance(active, str) or entries is None:
        return None
    current = {}
    for entry in entries:
        conversation_id = bridge.field(entry, "conversationId")
        if not isinstance(conversation_id, str):
            return None
        call = bridge.field(entry, "mostRecentCallState")
        current[conversation_id] = (
            bridge.field(call, "state"),
            bridge.field(call, "muted"),
            bridge.field(call, "held"),
        )
    removed = []
    for entry in removed_entries or ():
        conversation_id = bridge.field(entry, "conversationId")
        if isinstance(conversation_id, str):
            removed.append(conversation_id)
    return active, current, removed
