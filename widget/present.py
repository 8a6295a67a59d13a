"""What the user sees and hears, derived from the model: the one place that decides it.

Every attribute of the button, its hint, its reason, its notice, what is announced, and
the events ``mute:change``, ``mute:error``, ``mute:media`` and ``mute:talking`` come from
``Presenter.frame(model)``: it compares the model with what was shown last and returns
a ``Frame``, the record the view paints in one JavaScript call (``static/mute-bridge.js``,
``painter``). Whether the media check runs is ``verifies(model)``. Pure: CPython tests
all of it.
"""

import json

from .model import CALL_WORDS

LABEL = "Mute"
_ANNOUNCE = {"muted": "Microphone muted", "unmuted": "Microphone on"}


def verifies(model) -> bool:
    """Whether the call's audio is checked now: muted, connected, nothing pending."""
    return model.mic == "muted" and model.call == "connected" and model.pending is None


# -- talking while muted (widget/talk.py, widget/listen.py) ------------------------
#: The notice beside the button, and what is announced, while the agent talks muted.
TALK_NOTICE = "You are muted: unmute to be heard"


def talking(model) -> bool:
    """Whether the button warns that the agent talks while muted."""
    return model.talking and verifies(model)


# -----------------------------------------------------------------------------------


def unavailable_reason(model) -> "str | None":
    """The tooltip: why the button is disabled, or what an unknown microphone means; None
    while there is nothing to say."""
    if model.waiting is not None:
        return "Waiting for the softphone (" + model.waiting + ") to load."
    if model.pending is not None:
        return "Waiting for the softphone to confirm."
    if model.call != "connected":
        return "Mute is available during a connected call; " + CALL_WORDS[model.call] + "."
    if model.mic == "unknown":
        return (
            "The softphone has not said whether your microphone is on: a press asks it to mute, "
            "and if nothing changes, the next press asks it to unmute."
        )
    return None


def attributes(model) -> dict:
    """The button's attributes as name -> value (None: attribute absent)."""
    pending = model.pending is not None
    error = model.error
    return {
        "disabled": True if (pending or model.call != "connected") else None,
        "aria-pressed": "true" if model.mic == "muted" else "false",
        "aria-busy": "true" if pending else None,
        "data-call": model.call,
        "data-mic": model.mic,
        "data-status": model.status,
        "data-confirmed": "true" if model.confirmed else "false",
        "data-error": None if error is None else error[0],
        "title": unavailable_reason(model),
        "data-talking": "true" if talking(model) else None,
    }


def hint(model) -> str:
    """What the button's accessible name adds after its label ("Mute"): why it is
    disabled, or that the microphone's state is unknown."""
    if model.waiting is not None:
        return " (waiting for the softphone)"
    if model.pending is not None:
        return " (waiting for the softphone to confirm)"
    if model.call != "connected":
        return " (available during a connected call)"
    if model.mic == "unknown":
        return " (microphone state unknown)"
    return ""


def _snapshot(model) -> tuple:
    """Everything attributes() and hint() read, as one hashable value: equal snapshots
    give equal attributes, so what a change of snapshot writes is computed once."""
    error = model.error
    return (
        model.call,
        model.mic,
        model.confirmed,
        model.pending is not None,
        error and error[0],
        model.waiting,
        talking(model),
    )


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
        self._steps = {}  # (snapshot shown, snapshot to show) -> JSON of what changes
        self._reason = ""
        self._hint = ""
        self._mic = ("unknown", False)  # what the model starts with
        self._error = None
        self._media = ("off", "")
        self._talking = False

    def frame(self, model) -> "str | None":
        """The JSON record of what changes (``Frame`` in the painter), or None for nothing."""
        parts = []
        snapshot = _snapshot(model)
        if snapshot != self._snapshot:
            step = self._steps.get((self._snapshot, snapshot))
            if step is None:
                step = self._step(model)
                if len(self._steps) < 256:
                    self._steps[(self._snapshot, snapshot)] = step
            self._snapshot = snapshot
            self._attributes, self._hint, text = step
            if text:
                parts.append(text)
        error = model.error
        reason = error[1] if error else ""
        if reason != self._reason:
            self._reason = reason
            parts.append('"reason":' + json.dumps(reason))
        mic = (model.mic, model.confirmed)
        announced = False
        if mic != self._mic:
            self._mic = mic
            if self.live:
                announced = True
                parts.append('"announce":' + json.dumps(_ANNOUNCE.get(model.mic, "")))
                muted = None if model.mic == "unknown" else model.mic == "muted"
                parts.append('"change":' + json.dumps([muted, model.confirmed]))
        if error != self._error:
            self._error = error
            if self.live and error is not None:
                parts.append('"error":' + json.dumps(list(error)))
        media = model.media
        if media != self._media:
            if self.live and media[0] != self._media[0]:
                parts.append('"media":' + json.dumps(list(media)))
            self._media = media
        shown = talking(model)
        if shown != self._talking:  # the talk warning: its notice, announcement and event
            self._talking = shown
            parts.append('"notice":' + json.dumps(TALK_NOTICE if shown else ""))
            if self.live:
                if shown and not announced:
                    parts.append('"announce":' + json.dumps(TALK_NOTICE))
                parts.append('"talking":' + json.dumps(shown))
        return "{" + ",".join(parts) + "}" if parts else None

    def _step(self, model) -> tuple:
        """(new attributes, new hint, the JSON members that showing them instead of what is
        shown writes): a function of the two snapshots alone, so it is computed once."""
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
        return new, text, ",".join(parts)
