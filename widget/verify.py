"""Media-verified mute: while the button shows muted, read what the call really sends.

``MuteButton(..., verify_media=source)`` builds one ``MediaVerifier``. ``follow(True)``
(a confirmed or assumed mute, call connected, nothing pending) starts reading the
source at once, every ``media.FAST`` seconds until the verdict settles and every
``media.SLOW`` seconds after; ``follow(False)`` stops; either returns the new
``(state, detail)``, or None when nothing changed. Each reading goes through
``bridge.audio.send_state`` (so ``destroy()`` drops late answers and cancels the
timer) and into a ``media.MediaCheck``; ``report(state, detail)`` hears each change of
state a reading makes: ``checking``, ``silent``, ``sending`` (flag ``media-not-muted``)
or ``off``; not a change of the detail alone, so the alert is not announced again and
again.
"""

from . import bridge, media
from .bridge import audio

_SOURCE_HELP = (
    "verify_media must be an RTCPeerConnection, a MediaStream, an audio MediaStreamTrack, "
    "or a function (JavaScript or Python) returning one"
)


def media_source(verify_media, adapter):
    """The source to read: ``verify_media``, else the adapter's ``media_source`` hook;
    None when there is nothing to verify (or ``verify_media=False``)."""
    if verify_media is False:
        return None
    if verify_media is None:
        hook = getattr(adapter, "media_source", None)
        return hook if callable(hook) else None
    if bridge.is_js(verify_media):
        if audio.source_kind(verify_media) is None:
            raise TypeError("MuteButton: " + _SOURCE_HELP + ", got a JavaScript " + bridge.kind(verify_media))
        return verify_media
    if callable(verify_media):
        return verify_media
    raise TypeError("MuteButton: " + _SOURCE_HELP + f", got {verify_media!r}")


class MediaVerifier:
    """Reads ``source`` while ``follow(True)``; tells ``report(state, detail)`` each change."""

    def __init__(self, resources: "bridge.Resources", source, report) -> None:
        self._resources = resources
        self._source = source
        self._report = report
        self._check = media.MediaCheck()
        self._timer = None
        self._round = 0  # readings of an earlier stretch are dropped
        self._warned = False

    @property
    def state(self) -> str:
        return self._check.state

    def follow(self, muted: bool) -> "tuple[str, str] | None":
        """Verify while ``muted`` is true; the new (state, detail), None when already so."""
        if muted == self._check.active:
            return None
        self._round += 1
        if self._timer is not None:
            self._resources.clear_timeout(self._timer)
            self._timer = None
        if muted:
            self._check.start()
            self._read(self._round)
        else:
            self._check.stop()
        return self._check.state, self._check.detail

    def _read(self, round_: int) -> None:
        self._timer = None
        audio.send_state(
            self._resources,
            self._source,
            lambda reading: self._on_reading(round_, reading),
            lambda message="": self._on_error(round_, message),
        )

    def _on_reading(self, round_: int, reading: dict) -> None:
        if round_ != self._round:
            return
        before = self._check.state
        self._check.add(
            media.sample(
                reading["t"],
                reading["has_track"],
                reading["enabled"],
                reading["muted"],
                reading["ended"],
                reading["energy"],
                reading["level"],
                media=reading["source"] != "none",
            )
        )
        self._next(round_)
        if self._check.state != before:
            self._report(self._check.state, self._check.detail)

    def _on_error(self, round_: int, message: str) -> None:
        if round_ != self._round:
            return
        if not self._warned:
            self._warned = True
            bridge.warn("verify_media: cannot read the call's audio: " + str(message))
        self._next(round_, media.SLOW)

    def _next(self, round_: int, delay: "float | None" = None) -> None:
        delay = self._check.delay() if delay is None else delay
        self._timer = self._resources.set_timeout(lambda: self._read(round_), delay)
