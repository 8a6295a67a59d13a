"""The Genesys demo pages' Python: mount the mute button on the softphone of the page.

demo/genesys-demo.js prepares the softphone first (the iframe of genesys-framework.html,
or ``window.genesysSdk`` on genesys-webrtc.html), then runs this file on Pyodide or
MicroPython (``?interp=mpy``); the code is the same.
"""

import sys

from pyscript import document, window

from widget import MuteButton
from widget.adapters import GenesysFramework, GenesysWebRtc

runtime = document.getElementById("runtime")
try:
    if document.body.dataset.sdk == "framework":
        # The simulated softphone is served from this page's own origin; a real one is
        # on Genesys's, e.g. GenesysFramework("#softphone", "https://apps.mypurecloud.com").
        adapter = GenesysFramework("#softphone", window.location.origin)
    else:
        adapter = GenesysWebRtc("genesysSdk")
    button = MuteButton("#mute", adapter, shortcut="ctrl+shift+m")
except Exception as exc:
    runtime.textContent = "The widget failed to start: " + str(exc)
    document.documentElement.dataset.widgetError = "1"
    raise

version = ".".join(str(n) for n in sys.implementation.version[:3])
runtime.textContent = (
    "MicroPython " if sys.implementation.name == "micropython" else "Pyodide · Python "
) + version
document.documentElement.dataset.widgetReady = "1"
