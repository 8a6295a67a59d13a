"""Genesys Cloud Embeddable Framework: Genesys's softphone in an iframe, beside the widget.

The host page embeds the softphone (``https://apps.mypurecloud.com/crm/index.html?crm=framework-local-secure``,
or the host of its region) and the customer's ``framework.js`` runs inside it
(``static/genesys/framework.js`` is a complete one). The two talk by ``postMessage``
of JSON strings:

- iframe -> page: ``{"type": "interactionSubscription", "data": {"category", "interaction"}}``,
  where category ``change`` carries ``{"old", "new"}``;
- page -> iframe: ``{"type": "updateInteractionState", "data": {"action": "mute", "id"}}``.

Usage::

    button = MuteButton("#mute", GenesysFramework("#softphone", "https://apps.mypurecloud.com"))

Only a real message from exactly ``origin``, sent by that iframe's own window, reaches
Python (the filter is in ``static/mute-bridge.js``); requests are posted to ``origin``
only, never to ``"*"``.

The framework's ``mute`` action is a toggle and its payloads carry no mute state in
any source we know of. Where an interaction carries a boolean ``isMuted`` the button
shows it, confirmed. Otherwise nothing confirms a toggle (``confirms_request()`` is False): the
button shows the state it assumes, flagged ``data-confirmed="false"``, starting from
unmuted when an interaction connects; a mute made in the softphone's own UI is then not
seen.

Names and where they come from (there is no npm package to compile against):

- MyPureCloud/purecloud-embeddable-framework-example ``src/framework.js``: message
  types ``interactionSubscription`` and ``updateInteractionState``, ``data.category``,
  ``data.interaction``, ``PureCloud.subscribe``, ``PureCloud.Interaction.updateState``;
  ``src/scripts/example.js``: ``data.interaction.old.id`` for a change, else
  ``data.interaction.id``; the payload ``{action, id}``; ``src/example.html``: the
  actions ``pickup``, ``disconnect``, ``hold``, ``mute``, ``securePause``.
- Recorded real payloads (docs/sdk-notes.md): categories ``add``,
  ``change``, ``connect``, ``disconnect``; fields ``id``, ``state`` (``ALERTING``,
  ``CONNECTED``, ``DISCONNECTED``), ``isConnected``, ``isDisconnected``.
- Unverified, read only when present: categories ``acw`` and ``deallocate``, the state
  ``HELD``, the field ``isMuted``.
"""

import json

from .. import bridge
from ..bridge import network
from .base import Adapter, refused

MESSAGE_TYPE = "interactionSubscription"
REQUEST_TYPE = "updateInteractionState"
MUTE_ACTION = "mute"
CATEGORIES = ("add", "change", "connect", "disconnect", "acw", "deallocate")
# Categories after which the interaction no longer carries the agent's voice.
_ENDING = ("disconnect", "acw", "deallocate")

CALL_STATES = {
    "alerting": "ringing",
    "contacting": "ringing",
    "dialing": "ringing",
    "connected": "connected",
    "held": "held",  # unverified: no recorded payload shows a held state string
    "disconnected": "ended",
    "terminated": "ended",
}


def origin_of(value) -> str:
    """``value`` checked as a page origin ("https://apps.mypurecloud.com"); ValueError otherwise."""
    if not isinstance(value, str):
        raise TypeError(
            f"GenesysFramework: origin must be a string such as 'https://apps.mypurecloud.com', not {value!r}"
        )
    scheme, sep, host = value.partition("://")
    bad = ("/", "?", "#", "*", " ", "@")
    if scheme not in ("https", "http") or not sep or not host or any(c in host for c in bad):
        raise ValueError(
            f"GenesysFramework: origin must be exactly scheme://host[:port] of the softphone "
            f"(such as 'https://apps.mypurecloud.com'), never '*' or a URL with a path; got {value!r}"
        )
    return value


def _json(text):
    """The decoded JSON text, or None (raising inside an except makes MicroPython print a warning)."""
    try:
        return json.loads(text)
    except (TypeError, ValueError, RuntimeError, MemoryError):  # RuntimeError: nested too deep
        return None


def parse(text) -> "tuple[str, dict] | None":
    """(category, interaction) from one message; None for another type; ValueError when malformed.

    For ``change`` the interaction is the new one (with the old one's id if it has none).
    """
    message = _json(text)
    if not isinstance(message, dict):
        raise ValueError("not a JSON object")
    if message.get("type") != MESSAGE_TYPE:
        return None
    data = message.get("data")
    category = data.get("category") if isinstance(data, dict) else None
    interaction = data.get("interaction") if isinstance(data, dict) else None
    if not isinstance(category, str) or not isinstance(interaction, dict):
        raise ValueError("no category or interaction")
    if category == "change":
        new, old = interaction.get("new"), interaction.get("old")
        if not isinstance(new, dict):
            raise ValueError("a change without its new interaction")
        if not isinstance(new.get("id"), str) and isinstance(old, dict):
            new = dict(new)
            new["id"] = old.get("id")
        interaction = new
    if not isinstance(interaction.get("id"), str) or not interaction["id"]:
        raise ValueError("an interaction without an id")
    return category, interaction


def call_state(category: str, interaction: dict) -> str:
    """The widget's call state for one interaction event."""
    if category in _ENDING or interaction.get("isDisconnected") is True:
        return "ended"
    state = interaction.get("state")
    if isinstance(state, str):
        return CALL_STATES.get(state.strip().lower(), "unknown")
    if interaction.get("isConnected") is True:
        return "connected"
    return "unknown"


class Interactions:
    """Which interaction the button follows and what it shows for it. Pure: no browser.

    It follows the interaction that connected last; a ringing or ended interaction is
    followed only while nothing is connected or held. The mic state is kept per
    interaction: confirmed from ``isMuted`` where present, else assumed (unmuted when
    the interaction connects, then whatever the last accepted request asked for).
    """

    def __init__(self) -> None:
        self.calls = {}  # id -> call state
        self.muted = {}  # id -> bool
        self.confirmed = {}  # id -> True once the softphone reported isMuted
        self.current = None

    def update(self, category: str, interaction: dict) -> None:
        iid = interaction["id"]
        state = call_state(category, interaction)
        before = self.calls.get(iid)
        if category == "deallocate":
            for table in (self.calls, self.muted, self.confirmed):
                table.pop(iid, None)
            if iid == self.current:
                self.current = self._busy()
            return
        self.calls[iid] = state
        reported = interaction.get("isMuted")
        if isinstance(reported, bool):
            self.muted[iid] = reported
            self.confirmed[iid] = True
        elif state == "connected" and before not in ("connected", "held"):
            self.muted.setdefault(iid, False)  # a call starts unmuted
        if state == "connected" and before != "connected" and before != "held":
            self.current = iid  # a newly connected call takes over (Genesys holds the other)
        elif self.current is None or self.current not in self.calls:
            self.current = iid
        elif iid == self.current and state in ("ended", "unknown"):
            self.current = self._busy() or iid
        elif self.calls.get(self.current) not in ("connected", "held") and state in ("connected", "held"):
            self.current = iid

    def _busy(self) -> "str | None":
        """The last interaction still connected or held, if any."""
        busy = [i for i, s in self.calls.items() if s in ("connected", "held")]
        return busy[-1] if busy else None

    def shown(self) -> "tuple[str, bool, bool]":
        """(call state, muted, confirmed) for the followed interaction."""
        iid = self.current
        if iid is None:
            return "none", False, False
        return self.calls.get(iid, "unknown"), self.muted.get(iid, False), self.confirmed.get(iid, False)

    def assume(self, iid: str, muted: bool) -> None:
        """A mute toggle was delivered for ``iid`` and nothing can confirm it."""
        if iid in self.calls and not self.confirmed.get(iid):
            self.muted[iid] = muted


class GenesysFramework(Adapter):
    """Adapter for the Genesys Cloud Embeddable Framework softphone iframe.

    ``iframe`` is the ``<iframe>`` element or a CSS selector for it; ``origin`` is the
    softphone's origin exactly (``"https://apps.mypurecloud.com"``, or your region's).
    """

    name = "GenesysFramework"

    def __init__(self, iframe, origin: str) -> None:
        self._ref = iframe
        self._origin = origin_of(origin)
        self._frame = None
        self._sink = None
        self._resources = None
        self.interactions = Interactions()

    def attach(self, sink, resources: "bridge.Resources") -> None:
        frame = self._ref
        if isinstance(frame, str):
            frame = resources.call(bridge.document, "querySelector", frame)
            if frame is None:
                raise ValueError(
                    f"{self.name}: no element matches {self._ref!r} (is the softphone iframe in the page?)"
                )
        if str(bridge.field(frame, "tagName") or "").upper() != "IFRAME":
            raise TypeError(f"{self.name}: {self._ref!r} is not an <iframe> element")
        self._frame, self._sink, self._resources = frame, sink, resources
        if network.listen_frame(resources, frame, self._origin, self._on_message) is None:
            raise RuntimeError(f"{self.name}: cannot listen for the softphone's messages")
        self._report()

    def confirms_request(self) -> bool:
        """Only an interaction that carries ``isMuted`` confirms a toggle."""
        return self.interactions.shown()[2]

    def request_mute(self, muted: bool, on_sent, on_failed) -> None:
        iid = self.interactions.current
        call, shown, confirmed = self.interactions.shown()
        if iid is None or call != "connected":
            refused(on_failed, "no connected interaction in the softphone")
            return
        if confirmed and shown == muted:  # already so: a toggle would undo it; show it again
            on_sent()
            self._resources.set_timeout(self._report, 0)
            return
        text = json.dumps({"type": REQUEST_TYPE, "data": {"action": MUTE_ACTION, "id": iid}})

        def delivered():
            self.interactions.assume(iid, muted)
            on_sent()

        network.post_frame(self._resources, self._frame, self._origin, text, delivered, on_failed)

    def _on_message(self, *args) -> None:
        try:
            event = parse(args[0] if args else None)
        except ValueError as exc:
            bridge.warn("ignored a softphone message: " + str(exc))
            return
        if event is None:  # another subscription (UserAction, Notification) or our own type
            return
        category, interaction = event
        if category not in CATEGORIES:
            bridge.warn("ignored an interaction event of unknown category " + category[:40])
            return
        self.interactions.update(category, interaction)
        self._report()

    def _report(self) -> None:
        call, muted, confirmed = self.interactions.shown()
        self._sink.report_call(call)
        if self.interactions.current is not None:
            self._sink.report_mic(muted, confirmed)
