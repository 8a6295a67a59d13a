"""The talk warning's listener: while the button shows muted, hear the microphone locally.

``MuteButton`` builds one ``TalkListener`` unless ``talk_warning=False``, when it has a
source: the adapter's ``talk_source`` hook, else ``verify_media``, else the adapter's
``media_source`` hook. ``follow(True)`` (muted, connected, nothing pending) starts
``bridge.audio.listen_levels`` on the source, a clone of its microphone track analysed
in the page and never sent; ``follow(False)`` stops it (the clone stopped, its context
closed) and says talking is over. Each level goes into a ``talk.TalkDetector``;
``report(talking)`` hears each change.
"""

from . import talk
from .bridge import audio


class TalkListener:
    """Listens while ``follow(True)``; tells ``report(talking)`` each change."""

    def __init__(self, resources, source, report) -> None:
        self._resources = resources
        self._source = source
        self._report = report
        self._detector = talk.TalkDetector()
        self._handle = None
        self._active = False

    def follow(self, muted: bool) -> "bool | None":
        """Listen while ``muted``; False when that ended a warning, else None."""
        if muted == self._active:
            return None
        self._active = muted
        if muted:
            self._handle = audio.listen_levels(self._resources, self._source, talk.INTERVAL, self._on_level)
            return None
        handle, self._handle = self._handle, None
        if handle is not None:
            self._resources.unsubscribe(handle)
        return self._detector.stop()

    def _on_level(self, t=None, level=None, *args) -> None:
        if not self._active or not isinstance(t, (int, float)):
            return
        change = self._detector.add(t, level)
        if change is not None:
            self._report(change)
