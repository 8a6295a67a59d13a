"""The Python side of <mute-button> (static/mute-button.js): mounts the widget in the element.

mute-button.js adds this file to the page once per interpreter type, as
<script type="py|mpy" src=".../mute-button.py" config=".../pyscript.toml|micropython.toml">,
and every <mute-button> of that type is mounted by the one interpreter through
MuteButtonElement.connect(type, mount, unmount). Nothing here raises into the page: a setup
problem (an unknown adapter name, no sdk, a malformed shortcut or wait-for-sdk) is shown by
the button itself, as data-error="unavailable" with a sentence naming what is wrong, and a
mute:error event; an SDK that is not on window yet is MuteButton's to wait for (wait_for_sdk,
then data-error="no-sdk").
"""

import sys

from pyscript import window
from pyscript.ffi import create_proxy

from widget import MuteButton, adapters
from widget.adapters import Adapter

TYPE = "mpy" if sys.implementation.name == "micropython" else "py"
SETUP_ERROR = "unavailable"
# Every mounted widget, by the element's key: {key: (element, MuteButton or None)}.
mounted = {}


class SetupProblem(Adapter):
    """What a <mute-button> that cannot be set up is mounted with: a disabled button whose
    data-error and reason say what is wrong (reported after mount, so mute:error fires)."""

    name = "SetupProblem"

    def __init__(self, reason: str) -> None:
        self.reason = reason

    def attach(self, sink, resources) -> None:
        sink.report_call("unknown")
        resources.set_timeout(lambda: sink.report_error(SETUP_ERROR, self.reason), 0)

    def request_mute(self, muted: bool, on_sent, on_failed) -> None:
        on_failed(SETUP_ERROR, self.reason)


def adapter_for(name: str, sdk: str):
    """``getattr(adapters, name)(sdk)``, or ValueError saying what the element lacks."""
    if name not in adapters.__all__ or name == "Adapter":
        raise ValueError(
            '<mute-button adapter="'
            + name
            + '">: no such adapter; one of '
            + ", ".join(n for n in adapters.__all__ if n != "Adapter")
        )
    if not sdk:
        raise ValueError('<mute-button> needs sdk="...": the SDK object\'s dotted path on window')
    return getattr(adapters, name)(sdk)


def mount(element, key, sdk, adapter, shortcut, wait_for_sdk="") -> None:
    """Mount the widget in ``element`` as its attributes say (replacing what ``key`` had).
    ``wait_for_sdk`` (seconds, as text; empty for MuteButton's default) is how long an SDK
    that is not on window yet is waited for before the button shows data-error="no-sdk"."""
    unmount(key)
    try:
        chosen = adapter_for(adapter or "EmbeddableClient", sdk)
        options = {"shortcut": shortcut or None}
        if wait_for_sdk:
            options["wait_for_sdk"] = float(wait_for_sdk)
        button = MuteButton(element, chosen, **options)
    except Exception as exc:  # every setup problem is shown on the button
        element.replaceChildren()  # what a constructor that failed after the view left behind
        try:
            button = MuteButton(element, SetupProblem(str(exc)))
        except Exception as again:  # the element itself is unusable
            window.console.warn("[mute-button]", str(again))
            button = None
    mounted[key] = button


def unmount(key) -> None:
    """Destroy the widget mounted for ``key``, if any: every listener and proxy it held."""
    button = mounted.pop(key, None)
    if button is not None:
        button.destroy()


window.customElements.get("mute-button").connect(TYPE, create_proxy(mount), create_proxy(unmount))
