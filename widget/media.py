"""Is the microphone really off? A verdict from samples of what the call sends.

A softphone can confirm a mute and still send the microphone: the button would say
"muted" while the customer hears the agent. With ``verify_media`` the widget samples
the outgoing audio after each confirmed mute and while it lasts: whether an audio
track is attached to the call, and whether it is enabled, muted by its source or
ended; and the sender's cumulative audio energy (``media-source``
``totalAudioEnergy``) and level (``audioLevel``). ``static/mute-bridge.js`` reads
them (``audioSendState``); this module, pure and tested in CPython, judges them:

- **silent**: no live audio track is sent (none attached, disabled, muted by its
  source, or ended) *and* the energy is not growing;
- **sending**: a live track is still sent, or its energy is still growing;
- **unknown**: nothing to judge yet (no media; or, past the meter's decay, an energy
  reading with none to compare it to).

An off track sends silence, but the browser's level meter decays for a few hundred
milliseconds after it goes off, so the energy keeps growing for that long: for ``DECAY``
seconds after the track is seen off, the track's state alone decides (a mute is verified
at its first reading), and energy still growing after that is audio being sent.
Where the browser gives no ``media-source`` numbers (Firefox reports the source without
``totalAudioEnergy`` or ``audioLevel``; a bare track or stream has no statistics at all),
the track's state alone decides, and the detail says that the audio itself was not measured.

``MediaCheck`` adds time: a mute is flagged only when audio has been sent for
``GRACE`` seconds in a row (a track turned off late, a meter still decaying), and
cleared as soon as it is verified off.
"""

SILENT = "silent"
SENDING = "sending"
UNKNOWN = "unknown"

#: Growth of ``totalAudioEnergy`` per second above which audio is being sent. A
#: steady sound at level L adds L*L per second: 1e-4 is a level of 0.01 (-40 dBFS),
#: far below speech and far above the zeros a disabled track sends.
ENERGY_PER_SECOND = 1e-4
#: ``audioLevel`` above which audio is being sent, when there is no energy to compare.
LEVEL = 0.01
#: Seconds of audio still being sent after a confirmed mute before it is flagged.
GRACE = 1.5
#: Seconds after the track is seen off during which the energy and level it still shows
#: are the meter's decay: Chromium's holds a peak for ~0.1 s and quarters it every ~0.1 s,
#: so a full-scale sound takes ~0.5 s to fall below ``LEVEL``; twice that here.
DECAY = 1.0
#: What the detail adds when the browser gives no audio statistics to read.
UNMEASURED = "the audio sent is not measured (this browser gives no audio statistics)"
#: Seconds between samples while the verdict is open, and once it is settled.
FAST = 0.25
SLOW = 1.0


def sample(
    t, has_track=False, enabled=False, muted=False, ended=False, energy=None, level=None, media=True
) -> dict:
    """One reading of the outgoing audio at ``t`` seconds (any monotonic clock).

    ``media``: there was a call to read (False: the source gave nothing yet, so
    nothing can be told); ``has_track``: an audio track is attached to what is sent; ``enabled``: some
    attached track is enabled; ``muted``: every one is muted by its source (no data);
    ``ended``: every one has ended; ``energy``: the cumulative ``totalAudioEnergy``
    of the call's audio sources, or None where the browser gives no statistics (a
    bare track or stream); ``level``: the current ``audioLevel`` (0..1) or None.
    """
    return {
        "t": float(t),
        "media": bool(media),
        "has_track": bool(has_track),
        "enabled": bool(enabled),
        "muted": bool(muted),
        "ended": bool(ended),
        "energy": _number(energy),
        "level": _number(level),
    }


def _number(value) -> "float | None":
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    value = float(value)
    return value if value >= 0 and value == value and value != float("inf") else None


def track_live(s: dict) -> bool:
    """A track is attached, enabled, not muted by its source and not ended."""
    return s["has_track"] and s["enabled"] and not s["muted"] and not s["ended"]


def energy_rate(previous: "dict | None", current: dict) -> "float | None":
    """Growth of the energy per second between two readings; None when it cannot be told
    (a reading without energy, no time between them, or a counter that went back: a new
    track or connection)."""
    if previous is None or previous["energy"] is None or current["energy"] is None:
        return None
    span = current["t"] - previous["t"]
    grown = current["energy"] - previous["energy"]
    if span <= 0 or grown < 0:
        return None
    return grown / span


def judge(previous: "dict | None", current: "dict | None", decay_until: "float | None" = None) -> tuple:
    """(verdict, detail) for the latest reading, given the one before it (or None).

    ``decay_until`` (the readings' clock): when the ``DECAY`` seconds after the track was
    seen off end. Sound measured from before then (energy growth since a reading before
    it, a level read before it) is the meter's decay: with the track off, its state
    decides. The detail says in a few words what was seen, for the error's reason.
    """
    if current is None or not current["media"]:
        return UNKNOWN, "no call media to check"
    rate = energy_rate(previous, current)
    if rate is not None:
        sound, since = rate > ENERGY_PER_SECOND, previous["t"]
    elif current["energy"] is None and current["level"] is not None:
        sound, since = current["level"] > LEVEL, current["t"]
    else:
        sound, since = False, current["t"]
    if track_live(current):
        if sound:
            return SENDING, "the microphone track is still on and sound is reaching the call"
        return SENDING, "the microphone track is still on"
    decaying = decay_until is not None and since < decay_until
    if sound and not decaying:
        return SENDING, "the track is off but audio energy is still growing on the call"
    if current["energy"] is None and current["level"] is None:
        # No media-source statistics (Firefox gives the report without its numbers; a bare
        # track or stream has none): the track's state decides, and the detail says so.
        if not current["has_track"]:
            return SILENT, "no audio track is being sent; " + UNMEASURED
        return SILENT, "the microphone track is off; " + UNMEASURED
    if current["energy"] is not None and rate is None and not decaying:
        return UNKNOWN, "measuring the audio energy"
    if not current["has_track"]:
        return SILENT, "no audio track is being sent"
    if decaying:
        return SILENT, "the microphone track is off"
    return SILENT, "the microphone track is off and no audio is being sent"


class MediaCheck:
    """The verdict over one muted stretch: ``start`` at a confirmed mute, ``add`` each
    reading, ``stop`` when the mic is on again or the call is over.

    ``state`` is ``"off"`` (not checking), ``"checking"`` (mute confirmed, not verified
    yet), ``"silent"`` (verified: nothing is sent) or ``"sending"`` (flagged: audio has
    been sent for ``grace`` seconds); ``detail`` says why.
    """

    def __init__(self, grace: float = GRACE) -> None:
        self.grace = grace
        self.state = "off"
        self.detail = ""
        self._previous = None
        self._sending_since = None
        self._off_since = None
        self._first = self._last = None

    @property
    def active(self) -> bool:
        return self.state != "off"

    def start(self) -> None:
        """A mute was confirmed (or assumed): the first reading follows at once."""
        self.stop()
        self.state = "checking"
        self.detail = "checking that no audio is sent"

    def stop(self) -> None:
        self.state = "off"
        self.detail = ""
        self._previous = None
        self._sending_since = None
        self._off_since = None
        self._first = self._last = None

    def add(self, reading: "dict | None") -> str:
        """Take one reading; returns the state after it."""
        if not self.active:
            return self.state
        measured = reading is not None and reading["media"]
        if measured and track_live(reading):
            self._off_since = None
        elif measured and self._off_since is None:
            self._off_since = reading["t"]
        decay_until = None if self._off_since is None else self._off_since + DECAY
        verdict, detail = judge(self._previous, reading, decay_until)
        if measured:
            self._previous = reading
        if reading is not None:
            self._last = reading["t"]
            if self._first is None:
                self._first = reading["t"]
        if verdict == SILENT:
            self._sending_since = None
            self.state, self.detail = "silent", detail
        elif verdict == SENDING:
            now = reading["t"]
            if self._sending_since is None:
                self._sending_since = now
            if now - self._sending_since >= self.grace:
                if self.state != "sending":
                    self.detail = "seen for " + _seconds(self.grace) + ": " + detail
                self.state = "sending"
            elif self.state == "silent":
                self.state, self.detail = "checking", detail
        return self.state

    def delay(self) -> float:
        """Seconds until the next reading: quick while the verdict is open (for twice
        the grace period at most), then once a second."""
        opening = self._first is None or self._last - self._first < 2 * self.grace
        return FAST if self.state == "checking" and opening else SLOW


def _seconds(value: float) -> str:
    return str(round(value, 1)) + " s"
