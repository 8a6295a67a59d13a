"""The one contract every adapter follows, and the helpers they share.

An adapter translates one SDK for the button, and nothing more:

- ``attach(sink, resources)`` finds the SDK object (a ``ValueError`` or ``TypeError``
  naming what is wrong when it cannot), registers every listener through ``resources``
  (so that ``destroy()`` takes them all off) and reports what the SDK says now.
- The SDK's events become ``sink.report_call(state)`` (one of ``model.CALL_STATES``),
  ``sink.report_mic(muted, confirmed=True)`` and, for a problem found outside any
  request, ``sink.report_error(code, reason)``.
- ``request_mute(muted, on_sent, on_failed)`` asks the SDK once; then exactly one of
  ``on_sent()`` (the SDK took the request) or ``on_failed(code, reason)`` (a code of
  ``widget.errors`` and the sentence that says what to fix) follows. It never calls the
  sink: what the SDK does about the request comes back through its events.
- ``confirms_request()`` is asked when a request was sent: True when an SDK event will
  confirm it (the button waits for ``report_mic``), False when nothing will (the button
  shows the request at once, flagged ``data-confirmed="false"``).
- ``resync()`` reads the SDK's state again, where it can be read.

Adapters reach JavaScript only through ``widget.bridge``.
"""

from .. import bridge, errors


class Adapter:
    """Base class: subclasses set ``name`` and implement attach and request_mute."""

    name = "Adapter"
    #: Whether an SDK event confirms every request; ``confirms_request()`` answers
    #: with it unless an adapter decides per call.
    confirms = True
    #: Optional hook for a media-verified mute: an adapter whose SDK exposes the call's
    #: media defines ``media_source(self)`` returning what ``MuteButton(verify_media=...)``
    #: takes (the followed call's RTCPeerConnection, its outgoing audio MediaStream or
    #: MediaStreamTrack) or None while there is no call; the button reads it at every
    #: check when the page gives no ``verify_media``. None: the SDK exposes no media.
    media_source = None

    def attach(self, sink, resources: "bridge.Resources") -> None:
        raise NotImplementedError

    def request_mute(self, muted: bool, on_sent, on_failed) -> None:
        """Ask the SDK for ``muted``; then ``on_sent()`` or ``on_failed(code, reason)``."""
        raise NotImplementedError

    def confirms_request(self) -> bool:
        """Whether an SDK event will confirm the request just sent."""
        return self.confirms

    def resync(self) -> None:
        """Read the SDK's current state again, where it can be read."""


def refused(on_failed, detail: str = "") -> None:
    """Fail a request the SDK cannot take now (``rejected``, with why)."""
    on_failed(errors.REJECTED, errors.reason(errors.REJECTED, detail))


def ask(resources: "bridge.Resources", target, method: str, args: tuple, on_sent, on_failed) -> None:
    """``target[method](*args)`` as a mute request: its value or Promise is ``on_sent()``,
    a throw or rejection is ``rejected`` with the SDK's own words."""
    resources.request(
        target,
        method,
        args,
        lambda value=None: on_sent(),
        lambda message="": refused(on_failed, message),
    )


class SdkMissing(ValueError):
    """The SDK object is not there yet: a dotted path not defined on ``window``, or a
    Promise of it not settled. ``MuteButton`` waits for it (``wait_for_sdk``) and attaches
    again; ``promise`` is the Promise to wait for, None to look again later."""

    def __init__(self, message: str, what: str, promise=None) -> None:
        super().__init__(message)
        self.what = what
        self.promise = promise


def sdk_object(ref, adapter: str, methods: "tuple[str, ...]"):
    """The SDK object for ``ref`` (an object, a Promise of one, or a dotted path on
    window), checked.

    ``SdkMissing`` while it is not there yet; a TypeError names the adapter, the path and
    the missing method, so a typo in the page is found at once instead of as a dead button.
    """
    if isinstance(ref, str):
        obj = bridge.resolve(ref)
        where = "window." + ref
        if obj is None:
            raise SdkMissing(f"{adapter}: {where} is not defined (is the SDK loaded on this page?)", where)
    elif bridge.is_thenable(ref):
        where = "the SDK object"
        obj = bridge.settled_value(ref)
        if obj is None:
            raise SdkMissing(f"{adapter}: the Promise of the SDK object has not resolved", where, ref)
    else:
        obj = ref
        where = "the SDK object"
    if bridge.kind(obj) not in ("object", "function"):
        raise TypeError(f"{adapter}: {where} is a {bridge.kind(obj)}, not an SDK object")
    for method in methods:
        if not bridge.has_method(obj, method):
            raise TypeError(f"{adapter}: {where} has no {method}() method")
    return obj


def has_methods(obj, methods: "tuple[str, ...]") -> bool:
    """True for a JS object that has every one of ``methods``."""
    return bridge.kind(obj) == "object" and all(bridge.has_method(obj, m) for m in methods)


def normalise(value, table: dict) -> "str | None":
    """Look a vendor's state string up case-insensitively; 'unknown' when absent, None when not a string."""
    if not isinstance(value, str):
        return None
    return table.get(value.strip().lower(), "unknown")


def warn_unknown_state(adapter: Adapter, value, table: dict) -> None:
    """Say, once per adapter and string, that a call state string is not in ``table``,
    and which strings are: a typo or a new SDK state shows as "unknown" otherwise."""
    if not isinstance(value, str) or value.strip().lower() in table:
        return
    seen = adapter.__dict__.setdefault("_unknown_states", set())
    if value in seen or len(seen) >= 20:
        return
    seen.add(value)
    bridge.warn(
        adapter.name + ": the call state " + repr(value[:40]) + " is not one the widget knows, so the "
        "button shows it as unknown; it accepts " + ", ".join(sorted(table)) + " (in any case)"
    )
