"""The demo's Python: mount the mute button on the simulated softphone.

demo/index.js creates ``window.demoSoftphone`` first, then runs this file on Pyodide
(``index.html``) or MicroPython (``index.html?interp=mpy``); the code is the same.
"""

import sys

from pyscript import document, window

from widget import MuteButton
from widget.adapters import EmbeddableClient


def runtime_name():
    """What runs this code, for the page header."""
    version = ".".join(str(n) for n in sys.implementation.version[:3])
    if sys.implementation.name == "micropython":
        return "MicroPython " + version
    import pyodide  # only on Pyodide

    return "Pyodide " + pyodide.__version__ + " · Python " + version


runtime = document.getElementById("runtime")
params = window.URLSearchParams.new(window.location.search)
try:
    button = MuteButton(
        "#mute",
        EmbeddableClient("demoSoftphone"),
        shortcut="ctrl+shift+m",
        verify_media=window.demoCallAudio,  # check the call's real audio while muted
        locale=params.get("lang") if params.has("lang") else "en",  # the demo's language menu
        talk_warning=True,  # say so when the agent talks while muted (the default)
    )
except Exception as exc:
    runtime.textContent = "The widget failed to start"
    document.getElementById("mute-loading").textContent = "The mute control could not start: " + str(exc)
    document.documentElement.dataset.widgetError = "1"
    raise

runtime.textContent = runtime_name()
document.documentElement.dataset.widgetReady = "1"
