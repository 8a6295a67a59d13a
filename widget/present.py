"""What the user sees and hears, derived from the model: the one place that decides it.

Every attribute of the button, its hint, its reason, its notice, what is announced, and
the events ``mute:change``, ``mute:error``, ``mute:media`` and ``mute:talking`` come from
``Presenter.frame(model)``: it compares the model with what was shown last and returns
a ``Frame``, the record the view paints in one JavaScript call (``static/mute-bridge.js``,
``painter``). Whether the media check runs is ``verifies(model)``. Pure: CPython tests
all of it.
"""

import json

from .i18n import text
from .model import CALL_STATES, MIC_STATES


def verifies(model) -> bool:
    """Whether the call's audio is checked now: muted, connected, nothing pending."""
    return model.mic == "muted" and model.call == "connected" and model.pending is None


def _situation(model) -> "str | None":
    """Why the button is disabled, or that the microphone is unknown; None: nothing to say."""
    if model.waiting is not None:
        return "waiting_sdk"
    if model.pending is not None:
        return "pending"
    if model.forced:
        return "forced"
    if model.call != "connected":
        return "unavailable"
    return "unknown" if model.mic == "unknown" else None


# -- talking while muted (widget/talk.py, widget/listen.py) ------------------------
# The notice beside the button, and what is announced, is the catalog's "talk_notice".


def talking(model) -> bool:
    """Whether the button warns that the agent talks while muted."""
    return model.talking and verifies(model)


# -----------------------------------------------------------------------------------


def unavailable_reason(model) -> "str | None":
    """The tooltip: why the button is disabled, or what an unknown microphone means; None
    while there is nothing to say."""
    situation = _situation(model)
    if situation is None:
        return None
    catalog = model.catalog
    if situation == "unavailable":
        return text(catalog, "title_unavailable", call=catalog["call_" + model.call])
    if situation == "waiting_sdk":
        return text(catalog, "title_waiting_sdk", what=model.waiting)
    return catalog["title_" + situation]


def attributes(model) -> dict:
    """The button's attributes as name -> value (None: attribute absent)."""
    pending = model.pending is not None
    error = model.error
    return {
        "disabled": True if (pending or model.call != "connected" or model.forced) else None,
        "aria-pressed": "true" if model.mic == "muted" else "false",
        "aria-busy": "true" if pending else None,
        "data-call": model.call,
        "data-mic": model.mic,
        "data-status": model.status,
        "data-confirmed": "true" if model.confirmed else "false",
        "data-error": None if error is None else error[0],
        "data-forced": "true" if model.forced else None,
        "title": unavailable_reason(model),
        "data-talking": "true" if talking(model) else None,
    }


def hint(model) -> str:
    """What the button's accessible name adds after its label ("Mute"): why it is
    disabled, or that the microphone's state is unknown."""
    situation = _situation(model)
    return "" if situation is None else model.catalog["hint_" + situation]


# Each call and mic state as a multiple of 16, for _snapshot: _CALL_MIC[call][mic].
_CALL_MIC = {
    call: {mic: (i * len(MIC_STATES) + j) * 16 for j, mic in enumerate(MIC_STATES)}
    for i, call in enumerate(CALL_STATES)
}


def _snapshot(model, shown: bool) -> "int | tuple":
    """Everything attributes() and hint() read, as one hashable value (``shown``:
    talking(model)): equal snapshots give equal attributes, so what a change of snapshot
    writes is computed once.

    An int (call, mic and four flags) while there is no error and nothing is waited for,
    else a tuple of that int, the error code and what is waited for: on MicroPython a
    tuple of eight costs an SDK event microseconds to make, an int nothing."""
    error = model.error
    state = (
        _CALL_MIC[model.call][model.mic]
        + (8 if model.confirmed else 0)
        + (4 if model.pending is not None else 0)
        + (2 if model.forced else 0)
        + (1 if shown else 0)
    )
    if error is None and model.waiting is None:
        return state
    return (state, error and error[0], model.waiting)


class Presenter:
    """Remembers what was shown, and turns each new model state into the frame to paint.

    ``title``: False for a host button that has a ``title`` of its own (it is kept).
    Events are dispatched only while ``live`` (not while an adapter attaches), so
    mounting announces nothing.
    """

    def __init__(self, title: bool = True) -> None:
        self._title = title
        self.live = False
        self._snapshot = None
        self._attributes = {}
        # What may follow the snapshot shown: {snapshot to show: step} (live steps only, at
        # most 256 in all). Each step holds the same table for the snapshot it shows, so an
        # event builds no key and looks up one snapshot once.
        self._next = {}
        self._tables = {}  # snapshot -> its table, while steps are being kept
        self._kept = 0
        self._reason = ""
        self._hint = ""
        self._mic = ("unknown", False)  # what the model starts with
        self._error = None
        self._media = ("off", "")
        self._talking = False

    def frame(self, model) -> "str | None":
        """The JSON record of what changes (``Frame`` in the painter), or None for nothing.

        What a change of snapshot writes (attributes, hint, the announcement, mute:change,
        the timing of the mute) is computed once per pair of snapshots and kept as JSON
        text: an SDK event costs a lookup and one string, not a serialisation. On
        MicroPython every object made costs microseconds, so the common case makes none."""
        announced = False
        text = ""
        shown = talking(model)
        snapshot = _snapshot(model, shown)
        if snapshot != self._snapshot:
            step = self._next.get(snapshot) if self.live else None
            if step is None:
                step = self._step(model) + (self._table(snapshot),)
                if self.live and self._kept < 256:
                    self._kept += 1
                    self._next[snapshot] = step
            self._snapshot = snapshot
            self._attributes, self._hint, self._mic, announced, text, self._next = step
        error = model.error
        media = model.media
        if error == self._error and media == self._media and shown == self._talking:
            return text or None  # the common case: the step's own frame, made once
        parts = [text[1:-1]] if text else []
        reason = error[1] if error else ""
        if reason != self._reason:
            self._reason = reason
            parts.append('"reason":' + json.dumps(reason))
        if error != self._error:
            self._error = error
            if self.live and error is not None:
                parts.append('"error":' + json.dumps(list(error)))
        if media != self._media:
            if self.live and media[0] != self._media[0]:
                parts.append('"media":' + json.dumps(list(media)))
            self._media = media
        if shown != self._talking:  # the talk warning: its notice, announcement and event
            self._talking = shown
            parts.append('"notice":' + json.dumps(model.catalog["talk_notice"] if shown else ""))
            if self.live:
                if shown and not announced:
                    parts.append('"announce":' + json.dumps(model.catalog["talk_notice"]))
                parts.append('"talking":' + json.dumps(shown))
        return "{" + ",".join(parts) + "}" if parts else None

    def _table(self, snapshot) -> dict:
        """The steps kept from ``snapshot`` on (a new table once 256 steps are kept)."""
        table = self._tables.get(snapshot)
        if table is None:
            table = {}
            if self._kept < 256:
                self._tables[snapshot] = table
        return table

    def _step(self, model) -> tuple:
        """(new attributes, new hint, new (mic, confirmed), whether it announces, the JSON
        members that showing them instead of what is shown writes): a function of the two
        snapshots (and ``live``) alone, so it is computed once."""
        new = attributes(model)
        if not self._title:
            del new["title"]
        old = self._attributes
        # True is an attribute present with no value (disabled="").
        changed = {
            name: "" if value is True else value for name, value in new.items() if old.get(name, "-") != value
        }
        parts = []
        text = hint(model)
        if text != self._hint:
            parts.append('"hint":' + json.dumps(text))
        if changed:
            parts.append('"set":' + json.dumps(changed))
        mic = (model.mic, model.confirmed)
        announces = False
        if mic != self._mic:
            if (mic[0] == "muted") != (self._mic[0] == "muted"):
                # How long muted: the painter times it, shows it and tells it when it ends.
                parts.append('"timing":' + ("true" if mic[0] == "muted" else "false"))
            if self.live:
                announces = True
                said = {"muted": "announce_muted", "unmuted": "announce_on"}.get(model.mic)
                parts.append('"announce":' + json.dumps(model.catalog[said] if said else ""))
                muted = None if model.mic == "unknown" else model.mic == "muted"
                parts.append('"change":' + json.dumps([muted, model.confirmed]))
        return new, text, mic, announces, "{" + ",".join(parts) + "}" if parts else ""
