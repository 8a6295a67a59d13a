"""What a call's audio really sends, read for ``verify_media`` (``widget/verify.py``),
and what the microphone hears while muted, for the talk warning (``widget/listen.py``).

The shim's ``audioSendState`` reads a peer connection's senders and statistics, a
stream's or a track's state; a reading reaches Python as a plain dict. Its
``talkListen`` analyses a clone of the microphone track in the page.
"""

from .resources import Resources, Subscription
from .runtime import shim
from .values import field, is_js, py, warn


def source_kind(value) -> "str | None":
    """The kind of a JS media source for verify_media: pc, stream, track or function; else None."""
    return py(shim.audioSourceKind(value))


def send_state(resources: Resources, source, on_reading, on_error) -> None:
    """Read once what a call's audio sends (``audioSendState`` in the shim).

    ``source`` is a JS RTCPeerConnection, MediaStream, audio MediaStreamTrack or function
    returning one, or a Python callable returning one (or None); a throw from it goes to
    ``on_error``. ``on_reading(dict)`` gets ``{"source", "t", "has_track", "enabled",
    "muted", "ended", "energy", "level"}`` (``t`` in seconds; energy and level None
    without statistics). Nothing follows once ``resources`` is released.
    """
    if not is_js(source) and callable(source):
        try:
            source = source()
        except Exception as exc:
            on_error(type(exc).__name__ + ": " + str(exc))
            return

    def read(value=None):
        on_reading(
            {
                "source": field(value, "source") or "none",
                "t": field(value, "t") or 0.0,
                "has_track": field(value, "hasTrack") is True,
                "enabled": field(value, "enabled") is True,
                "muted": field(value, "muted") is True,
                "ended": field(value, "ended") is True,
                "energy": field(value, "energy"),
                "level": field(value, "level"),
            }
        )

    resources.request(shim, "audioSendState", (py(source),), read, on_error)


def listen_levels(resources: Resources, source, interval: float, on_level) -> "Subscription | None":
    """Listen locally to the microphone of ``source`` (``talkListen`` in the shim):
    ``on_level(t, rms)`` every ``interval`` seconds until ``resources.unsubscribe`` of the
    handle returned, or release, stops the clone of the track and closes its context.

    ``source`` is what ``send_state`` takes; a Python callable is called once, now.
    """
    if not is_js(source) and callable(source):
        try:
            source = source()
        except Exception as exc:
            warn("the talk warning cannot read the call's audio: " + type(exc).__name__ + ": " + str(exc))
            return None
    if source is None:
        return None
    return resources.subscribe(shim, "talkListen", on_level, py(source), int(interval * 1000))
