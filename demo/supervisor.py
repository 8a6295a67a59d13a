"""The supervisor overlay's Python: the mute toggle on the Genesys Cloud Platform API.

demo/supervisor.js signs in against the local API server first and leaves the ids,
the token (once) and a token provider on ``window``; the code is the same on Pyodide
(``supervisor.html``) and MicroPython (``supervisor.html?interp=mpy``).
"""

import sys

from pyscript import document, window

from widget import MuteButton
from widget.adapters import GenesysPlatform


def runtime_name():
    version = ".".join(str(n) for n in sys.implementation.version[:3])
    if sys.implementation.name == "micropython":
        return "MicroPython " + version
    import pyodide  # only on Pyodide

    return "Pyodide " + pyodide.__version__ + " · Python " + version


runtime = document.getElementById("runtime")
session = window.overlaySession
try:
    adapter = GenesysPlatform(
        str(session.conversationId),
        token=window.takeOverlayToken(),
        token_provider="renewOverlayToken",
        api_base=str(session.apiBase),
    )
    button = MuteButton("#mute", adapter, shortcut="ctrl+shift+m")
except Exception as exc:
    runtime.textContent = "The widget failed to start: " + str(exc)
    document.documentElement.dataset.widgetError = "1"
    raise

runtime.textContent = runtime_name()
document.documentElement.dataset.widgetReady = "1"
