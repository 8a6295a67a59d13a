"""The benchmark lab's Python side: mount, destroy, count and collect on request."""

import gc
import json
import sys

from pyscript import document, window
from pyscript.ffi import create_proxy

from widget import MuteButton, bridge
from widget.adapters import EmbeddableClient
from widget.bridge import runtime

ON_MICROPYTHON = sys.implementation.name == "micropython"
state = {"button": None, "made": 0, "freed": 0}


def mount(shortcut=None):
    shortcut = bridge.py(shortcut)
    button = MuteButton("#mount", EmbeddableClient("softphone"), shortcut=shortcut)
    state["button"] = button
    window.benchButton = button._view.button


def destroy():
    state["button"].destroy()


def count_proxies():
    """From now on, count the proxies the bridge creates and frees."""
    create, free = runtime.create_proxy, runtime.free

    def counting_create(fn):
        state["made"] += 1
        return create(fn)

    def counting_free(proxy):
        state["freed"] += 1
        free(proxy)

    runtime.create_proxy = counting_create
    runtime.free = counting_free


def counts():
    button = state["button"]
    held = button._resources.counts() if button is not None else {}
    held["proxies_made"] = state["made"]
    held["proxies_freed"] = state["freed"]
    return json.dumps(held)


def python_memory():
    """Python's own heap after a collection: bytes in use (MicroPython) or live objects (Pyodide)."""
    gc.collect()
    if ON_MICROPYTHON:
        return json.dumps({"python_heap_bytes": gc.mem_alloc()})
    return json.dumps({"python_objects": len(gc.get_objects())})


for name, fn in (
    ("benchMount", mount),
    ("benchDestroy", destroy),
    ("benchCountProxies", count_proxies),
    ("benchCounts", counts),
    ("benchPythonMemory", python_memory),
):
    setattr(window, name, create_proxy(fn))
document.documentElement.dataset.benchLab = "1"
