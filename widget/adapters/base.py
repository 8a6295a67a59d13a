"""What the button needs from a softphone, and helpers every adapter shares.

An adapter translates one SDK: its events into ``sink.report_call(state)`` and
``sink.report_mic(muted, confirmed)``, and a click into one SDK call. It registers
everything through the ``Resources`` it is given, so the button can release it all.
"""

from .. import bridge


class Adapter:
    """Base class: subclasses set ``name`` and implement attach and request_mute."""

    name = "Adapter"
    #: False for an SDK that never reports mute state: a sent request is shown as
    #: assumed, flagged with data-confirmed="false".
    confirms = True
    #: Optional hook for a media-verified mute: an adapter whose SDK exposes the call's
    #: media defines ``media_source(self)`` returning what ``MuteButton(verify_media=...)``
    #: takes (the followed call's RTCPeerConnection, its outgoing audio MediaStream or
    #: MediaStreamTrack) or None while there is no call; the button reads it at every
    #: check when the page gives no ``verify_media``. None: the SDK exposes no media.
    media_source = None

    def attach(self, sink, resources: "bridge.Resources") -> None:
        raise NotImplementedError

    def request_mute(self, muted: bool, on_ok, on_error) -> None:
        """Ask the SDK; then call on_ok() once sent, or on_error(message) with the SDK's
        words (shown as ``rejected``), or on_error(reason, code) with an error code of
        widget.errors and the full sentence for it."""
        raise NotImplementedError

    def resync(self) -> None:
        """Read the SDK's current state again, where it can be read."""


def sdk_object(ref, adapter: str, methods: "tuple[str, ...]"):
    """The SDK object for ``ref`` (an object or a dotted path on window), checked.

    A TypeError/ValueError names the adapter, the path and the missing method, so a
    typo in the page is found at once instead of as a dead button.
    """
    if isinstance(ref, str):
        obj = bridge.resolve(ref)
        if obj is None:
            raise ValueError(f"{adapter}: window.{ref} is not defined (is the SDK loaded before the widget?)")
        where = "window." + ref
    else:
        obj = ref
        where = "the SDK object"
    if bridge.kind(obj) not in ("object", "function"):
        raise TypeError(f"{adapter}: {where} is a {bridge.kind(obj)}, not an SDK object")
    for method in methods:
        if not bridge.shim.hasMethod(obj, method):
            raise TypeError(f"{adapter}: {where} has no {method}() method")
    return obj


def normalise(value, table: dict) -> "str | None":
    """Look a vendor's state string up case-insensitively; 'unknown' when absent, None when not a string."""
    if not isinstance(value, str):
        return None
    return table.get(value.strip().lower(), "unknown")
