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

EVENTS = ("conversationUpdate", "sessionEnded", "cancelPendingSession", "handledPendingSession")

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


# The order in which the button picks a conversation to follow when the one it follows
# ends, is held or rings (consult calls): connected first, then held, then ringing.
RANK = {"connected": 0, "held": 1, "ringing": 2}


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

    Without a fixed id it keeps the followed conversation while it is connected; when it
    ends, is held or rings, it follows another: connected, then held, then ringing (the
    SDK's ``activeConversationId`` first among equals, then the order of ``current``).
    A conversation whose session ended (``sessionEnded``) or whose pending call was
    cancelled (``cancelPendingSession``) is over even while a later update still lists it
    in ``current``: the SDK can say so before the conversation notifications do.
    """

    def __init__(self, fixed: "str | None" = None) -> None:
        self.fixed = fixed
        self.current = fixed
        self.call = "none"
        self.muted = None  # bool once the SDK reported it for the followed conversation
        self.gone = []  # ids ended by sessionEnded/cancelPendingSession, still listed by the SDK
        self.answered = []  # pending ids the SDK said were answered (handledPendingSession)
        self.active = None
        self.live = {}  # the last update's conversations, less the gone ones

    def update(self, active: "str | None", current: dict, removed: "tuple | list") -> bool:
        """Adopt one update; True when the followed conversation changed."""
        self.gone = [cid for cid in self.gone if cid in current]  # forgotten once the SDK drops it
        self.answered = [cid for cid in self.answered if cid in current]
        self.active = active
        self.live = {cid: entry for cid, entry in current.items() if cid not in self.gone}
        return self._follow(removed)

    def ended(self, conversation_id) -> bool:
        """A session ended (or a pending call was cancelled); True when it was the followed one."""
        if conversation_id is None:
            return False
        if conversation_id not in self.gone:
            self.gone.append(conversation_id)
        self.live.pop(conversation_id, None)
        if conversation_id != self.current:
            return False
        self._follow((conversation_id,))
        return True

    def handled(self, conversation_id) -> bool:
        """A pending call was answered (here or on another device); True when it was the
        followed one, which no longer rings (its update, if it was answered here, follows)."""
        if conversation_id is None or conversation_id not in self.live:
            return False
        if conversation_id not in self.answered:
            self.answered.append(conversation_id)
        if conversation_id != self.current:
            return False
        self._follow(())
        return True

    def _state(self, conversation_id) -> str:
        entry = self.live.get(conversation_id)
        if entry is None:
            return "none"
        shown = call_state(entry[0], entry[2])
        if shown == "ringing" and conversation_id in self.answered:
            return "none"  # answered: no longer ringing, not yet connected here
        return shown

    def _choose(self) -> "str | None":
        followed = self.current if self.current in self.live else None
        if followed is not None and self._state(followed) == "connected":
            return followed
        best, best_key = followed, None
        for index, cid in enumerate(self.live):
            rank = RANK.get(self._state(cid))
            if rank is None:
                continue
            key = (rank, cid != followed, cid != self.active, index)
            if best_key is None or key < best_key:
                best, best_key = cid, key
        return best if best is not None else self.current

    def _follow(self, removed) -> bool:
        before = self.current
        if self.fixed is None:
            self.current = self._choose()
        if self.current != before:
            self.muted = None
        entry = self.live.get(self.current)
        if entry is not None:
            self.call = self._state(self.current)
            if isinstance(entry[1], bool):
                self.muted = entry[1]
        elif self.current is not None and (self.current in removed or self.current in self.gone):
            self.call = "ended"
        elif self.current != before or self.call != "ended":
            self.call = "none"  # not (or no longer) among the SDK's conversations
        return self.current != before


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
        self._last_update = None

    # No ``media_source``: the SDK's softphone mute is server-side (setAudioMute PATCHes
    # the participant {muted}; Genesys's media server mutes the agent), so the session's
    # pc keeps sending while muted and a local media check would flag every mute. The
    # talk warning listens to that live track all the same: ``talk_source``.

    def talk_source(self):
        """The followed conversation's session ``peerConnection`` (or ``pc``), from the last
        ``conversationUpdate``'s ``current[].session``, for the talk warning; or None."""
        for entry in bridge.items(bridge.field(self._last_update, "current")) or ():
            if bridge.field(entry, "conversationId") == self.conversations.current:
                session = bridge.field(entry, "session")
                return bridge.field(session, "peerConnection") or bridge.field(session, "pc")
        return None

    def attach(self, sink, resources: "bridge.Resources") -> None:
        sdk = sdk_object(self._ref, self.name, ("on", "removeListener", "setAudioMute"))
        self._sdk, self._sink, self._resources = sdk, sink, resources
        resources.listen(sdk, "conversationUpdate", self._on_update, add="on", remove="removeListener")
        resources.listen(sdk, "sessionEnded", self._on_ended, add="on", remove="removeListener")
        resources.listen(sdk, "cancelPendingSession", self._on_cancel, add="on", remove="removeListener")
        resources.listen(sdk, "handledPendingSession", self._on_handled, add="on", remove="removeListener")
        self._report()

    def request_mute(self, muted: bool, on_sent, on_failed) -> None:
        conversation_id = self.conversations.current
        if conversation_id is None or self.conversations.call != "connected":
            refused(on_failed, "no connected conversation")
            return
        options = bridge.js_object("conversationId", conversation_id, "mute", muted)
        ask(self._resources, self._sdk, "setAudioMute", (options,), on_sent, on_failed)

    def _on_update(self, *args) -> None:
        read = _read_update(args[0] if args else None)
        if read is None:
            bridge.warn(
                "ignored a conversationUpdate that is not {activeConversationId, current[], removed[]}"
            )
            return
        self.conversations.update(*read)
        self._last_update = args[0]
        self._report()

    def _on_ended(self, *args) -> None:
        session = args[0] if args else None
        conversation_id = bridge.field(session, "conversationId")
        if not isinstance(conversation_id, str):
            bridge.warn("ignored a sessionEnded without a session.conversationId")
            return
        if bridge.field(session, "sessionReplacedByReinvite") is True:
            return  # a reinvite's new session carries on the same conversation
        if self.conversations.ended(conversation_id):
            self._report()

    def _on_cancel(self, *args) -> None:
        conversation_id = bridge.field(args[0] if args else None, "conversationId")
        if isinstance(conversation_id, str) and self.conversations.ended(conversation_id):
            self._report()

    def _on_handled(self, *args) -> None:
        conversation_id = bridge.field(args[0] if args else None, "conversationId")
        if isinstance(conversation_id, str) and self.conversations.handled(conversation_id):
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
