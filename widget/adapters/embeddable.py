"""The embeddable-client contract: ``on``/``off``, ``stateChange``, ``micStateChange``,
``getState()``, ``muteMic(muted)`` and optionally ``isMicMuted()``.

It is this project's generic softphone interface (and the demo's), described in the
contract; a request is confirmed by a ``micStateChange`` equal to it.
"""

from .. import bridge
from .base import Adapter, ask, normalise, sdk_object, warn_unknown_state

CALL_STATES = {
    "idle": "none",
    "ringing": "ringing",
    "alerting": "ringing",
    "connecting": "ringing",
    "dialing": "ringing",
    "connected": "connected",
    "held": "held",
    "hold": "held",
    "disconnected": "ended",
    "ended": "ended",
}


def call_state(value) -> "str | None":
    """The widget's call state for a stateChange value; None when it is not a string."""
    return normalise(value, CALL_STATES)


class EmbeddableClient(Adapter):
    """Adapter for a client object that follows the embeddable-client contract."""

    name = "EmbeddableClient"

    def __init__(self, client) -> None:
        self._ref = client
        self._client = None
        self._sink = None
        self._resources = None

    def attach(self, sink, resources: "bridge.Resources") -> None:
        client = sdk_object(self._ref, self.name, ("on", "off", "getState", "muteMic"))
        self._client, self._sink, self._resources = client, sink, resources
        self._has_mic_getter = bridge.has_method(client, "isMicMuted")
        resources.listen(client, "stateChange", self._on_state, add="on", remove="off")
        resources.listen(
            client, "micStateChange", self._on_mic, add="on", remove="off", fields=("muted", "forced")
        )
        self.resync()

    def resync(self) -> None:
        value = self._resources.call(self._client, "getState")
        warn_unknown_state(self, value, CALL_STATES)
        self._sink.report_call(call_state(value) or "unknown")
        self._read_mic()

    def _read_mic(self) -> None:
        """Adopt isMicMuted() where the client has it: at mount, per call state, after a timeout."""
        if self._has_mic_getter:
            muted = self._resources.call(self._client, "isMicMuted")
            if isinstance(muted, bool):
                self._sink.report_mic(muted)

    def request_mute(self, muted: bool, on_sent, on_failed) -> None:
        ask(self._resources, self._client, "muteMic", (muted,), on_sent, on_failed)

    def _on_state(self, *args) -> None:
        value = args[0] if args else None
        state = call_state(value)
        warn_unknown_state(self, value, CALL_STATES)
        if state is None:
            bridge.warn("ignored a stateChange whose value is not a string")
            return
        self._sink.report_call(state)
        self._read_mic()

    def _on_mic(self, muted=None, forced=None) -> None:
        """micStateChange(true | false | {muted, forced}), as the shim reads it (``fields``)."""
        if not isinstance(muted, bool):
            bridge.warn("ignored a micStateChange that is neither a boolean nor {muted: boolean}")
            return
        if forced is True and muted:
            self._sink.report_forced(True)  # {muted: true, forced: true}: only a supervisor lifts it
        else:
            self._sink.report_mic(muted)
