"""What the user sees and hears, derived from the model: the one place that decides it.

Every attribute of the button, its hint, its reason, what is announced, and the events
``mute:change``, ``mute:error`` and ``mute:media`` come from ``Presenter.frame(model)``:
it compares the model with what was shown last and returns a ``Frame``, the record the
view paints in one JavaScript call (``static/mute-bridge.js``, ``painter``). Whether
the media check runs is ``verifies(model)``. Pure: CPython tests all of it.
"""

import json

from .model import CALL_WORDS

LABEL = "Mute"
_ANNOUNCE = {"muted": "Microphone muted", "unmuted": "Microphone on"}


def verifies(model) -> bool:
    """Whether the call's audio is checked now: muted, connected, nothing pending."""
    return model.mic == "muted" and model.call == "connected" and model.pending is None


def unavailable_reason(model) -> "str | None":
    """Why the button is disabled, for its tooltip; None while it is enabled."""
    if model.pending is not None:
        return "Waiting for the softphone to confirm."
    if model.call != "connected":
        return "Mute is available during a connected call; " + CALL_WORDS[model.call] + "."
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
    }


def hint(attrs: dict) -> str:
    """What the button's accessible name adds after "Mute" while it is disabled."""
    if attrs["aria-busy"]:
        return " (waiting for the softphone to confirm)"
    if attrs["disabled"]:
        return " (available during a connected call)"
    return ""


def _snapshot(model) -> tuple:
    """Everything attributes() reads, as one hashable value: equal snapshots give equal
    attributes, so what a change of snapshot writes is computed once."""
    error = model.error
    return (model.call, model.mic, model.confirmed, model.pending is not None, error and error[0])


class Presenter:
    """Remembers what was shown, and turns each new model state into the frame to paint.

    ``aria_label``: the widget's own accessible name for a host button whose text does
    not say "Mute" (the hint is appended to it); None when the button's text names it.
    Events are dispatched only once ``live`` (after the mount), so mounting announces
    nothing.
    """

    def __init__(self, aria_label: "str | None" = None) -> None:
        self._aria_label = aria_label
        self.live = False
        self._snapshot = None
        self._attributes = {}
        self._steps = {}  # (snapshot shown, snapshot to show) -> JSON of what changes
        self._reason = ""
        self._mic = ("unknown", False)  # what the model starts with
        self._error = None
        self._media = ("off", "")

    def frame(self, model, setup_error: "str | None" = None) -> "str | None":
        """The JSON record of what changes (``Frame`` in the painter), or None for nothing."""
        parts = []
        snapshot = _snapshot(model)
        if snapshot != self._snapshot:
            step = self._steps.get((self._snapshot, snapshot))
            if step is None:
                step = self._step(attributes(model))
                if len(self._steps) < 256:
                    self._steps[(self._snapshot, snapshot)] = step
            self._snapshot = snapshot
            self._attributes, text = step
            if text:
                parts.append(text)
        error = model.error
        reason = setup_error or (error[1] if error else "")
        if reason != self._reason:
            self._reason = reason
            parts.append('"reason":' + json.dumps(reason))
        mic = (model.mic, model.confirmed)
        if mic != self._mic:
            self._mic = mic
            if self.live:
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
        return "{" + ",".join(parts) + "}" if parts else None

    def _step(self, new: dict) -> tuple:
        """(new, the JSON members that showing ``new`` instead of what is shown writes)."""
        old = self._attributes
        # True is an attribute present with no value (disabled="").
        changed = {
            name: "" if value is True else value for name, value in new.items() if old.get(name, "-") != value
        }
        parts = []
        shown_hint = hint(old) if old else ""
        if hint(new) != shown_hint:
            if self._aria_label is not None:
                changed["aria-label"] = self._aria_label + hint(new)
            else:
                parts.append('"hint":' + json.dumps(hint(new)))
        if changed:
            parts.append('"set":' + json.dumps(changed))
        return new, ",".join(parts)
