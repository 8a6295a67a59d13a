"""Talking while muted: levels of the agent's microphone over time -> talking or not.

While the button shows muted the widget listens to a clone of the microphone track in
the page (``static/mute-bridge.js``, ``talkListen``: Web Audio, never sent anywhere)
and hands each RMS level to a ``TalkDetector``, pure and tested in CPython:

- **onset**: sound at or above ``LEVEL`` for ``ONSET`` seconds (gaps shorter than the
  hang-over do not break it) makes the agent *talking*: the button warns;
- **hang-over**: talking ends after ``HANG`` seconds without sound, so the short
  pauses of speech do not make the warning flicker;
- **cooldown**: a warning is not shown again within ``COOLDOWN`` seconds of the end of
  the previous one, whichever muted stretch it was in, so an agent who chats muted on
  purpose (a side talk with a colleague) is not nagged.
"""

#: RMS level (0..1) at or above which a reading is sound: 0.02 is -34 dBFS, below
#: speech at a headset microphone and above a quiet room's noise.
LEVEL = 0.02
#: Seconds of sound before the warning shows.
ONSET = 0.5
#: Seconds of silence after which talking is over.
HANG = 0.4
#: Seconds after a warning ends before another may show.
COOLDOWN = 10.0
#: Seconds between two readings of the level.
INTERVAL = 0.1
#: Slack on every comparison of times, for clocks read in floating point.
_EPS = 1e-6


class TalkDetector:
    """``add(t, level)`` for each reading (``t`` in seconds, any monotonic clock) returns
    the new ``talking`` when it changes, else None; ``stop()`` ends a muted stretch."""

    def __init__(self, level=LEVEL, onset=ONSET, hang=HANG, cooldown=COOLDOWN) -> None:
        self.level = level
        self.onset = onset
        self.hang = hang
        self.cooldown = cooldown
        self.talking = False
        self._since = None  # when the current run of sound started
        self._last = None  # the last reading with sound
        self._ended = None  # when the last warning ended
        self._t = None  # the last reading's time

    def add(self, t: float, level) -> "bool | None":
        t = self._t = float(t)
        sound = isinstance(level, (int, float)) and not isinstance(level, bool) and level >= self.level
        if sound:
            if self._since is None or self._last is None or t - self._last >= self.hang - _EPS:
                self._since = t
            self._last = t
        elif self._last is not None and t - self._last >= self.hang - _EPS:
            self._since = self._last = None
        if self.talking:
            if self._last is None:
                self.talking = False
                self._ended = t
                return False
            return None
        if (
            self._since is not None
            and self._last - self._since >= self.onset - _EPS
            and (self._ended is None or t - self._ended >= self.cooldown - _EPS)
        ):
            self.talking = True
            return True
        return None

    def stop(self) -> "bool | None":
        """The muted stretch is over: not talking (False when that is a change). A warning
        shown until now starts the cooldown at the last reading."""
        self._since = self._last = None
        if not self.talking:
            return None
        self.talking = False
        self._ended = self._t
        return False
