"""The host pages' Python (tests/browser/test_host_pages.py): mounts as the query says, and
gives the page `mountMute()` and `destroyMute()`, as a single-page app's component would
call them. With `rows`, each interpreter mounts its own row ("#mute-py", "#mute-mpy"), then
tries one more button with the shortcut ("#short-py", "#short-mpy"): the second refused."""

import sys

from pyscript import document, window
from pyscript.ffi import create_proxy

from widget import MuteButton
from widget.adapters import EmbeddableClient

KIND = "mpy" if sys.implementation.name == "micropython" else "py"
params = window.URLSearchParams.new(window.location.search)
rows = params.has("rows")
target = "#mute-" + KIND if rows else (params.get("target") if params.has("target") else "#mute")
label = {"py": "Mute Ana", "mpy": "Mute Ben"}[KIND] if rows else None
wait = float(params.get("wait")) if params.has("wait") else 30.0
shortcut = params.get("shortcut") if params.has("shortcut") else None
mounted = []


def mount(*args, where=target, keys=None if rows else shortcut):
    try:
        mounted.append(
            MuteButton(where, EmbeddableClient("mySoftphone"), wait_for_sdk=wait, shortcut=keys, label=label)
        )
    except ValueError as exc:
        document.documentElement.setAttribute("data-mount-error-" + KIND, str(exc))


def destroy(*args):
    while mounted:
        mounted.pop().destroy()


setattr(window, "mountMute" + ("_" + KIND if rows else ""), create_proxy(mount))
window.destroyMute = create_proxy(destroy)
mount()
if rows:
    mount(where="#short-" + KIND, keys=shortcut)
document.documentElement.setAttribute("data-host-ready-" + KIND, "1")
document.documentElement.dataset.hostReady = "1"
