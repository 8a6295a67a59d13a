"""What the widget costs a page, measured in the real Chromium: ``make bench``.

    .venv/bin/python bench/run.py [--runs 7] [--events 5000] [--cycles 10000] [--interp py mpy]

Not a test: it prints a table, writes ``build/bench.json`` and draws ``docs/bench.png``,
and never fails on a number. For each interpreter (Pyodide ``py``, MicroPython ``mpy``):

- ready_ms_bare / ready_ms_widget / ready_ratio: median time from navigation to the first
  line of Python on a page with the same self-hosted interpreter and no widget, and to the
  widget's first complete render (a call already connected and muted at load); every run in
  a new (cold) browser context, bare and widget runs interleaved;
- ready_ms_bare_warm / ready_ms_widget_warm / ready_ratio_warm: the same, each page visited
  a second time in its context, with the HTTP cache (and Chromium's WebAssembly code cache)
  warm from the first visit;
- start_files_ms / start_shim_ms / start_import_ms / start_mount_ms (and _warm): where the
  widget page's extra time goes: PyScript fetching and unpacking the package archive and
  loading the shim (its own progress events), importing the package, and mounting it up to
  the first complete render;
- event_us / event_us_js / event_ratio: mean time for one SDK micStateChange to reach the
  button, over N events, against a plain JavaScript listener doing the same DOM work on a
  second button in the same page;
- click_to_sdk_us: median time from a click to the SDK's muteMic() call;
- heap_growth_bytes: JS heap (after a forced GC) plus WebAssembly memory after M connect,
  mute, confirm, unmute, confirm, hang-up cycles, minus the same after 100 cycles;
- listeners_after_destroy: SDK listeners (the softphone's listenerCount()), DOM listeners
  on the button, the document and the window (CDP DOMDebugger.getEventListeners, against
  the page before the mount), and what the widget's Resources still holds, after destroy();
  proxies_not_freed: proxies the bridge created minus those it freed;
- bytes_transferred: everything the widget page downloaded, cold (bare page beside it);
- click_to_silence_ms (p50, p95): from a click on Mute to the last sound the remote party
  hears, over a real WebRTC call in the page carrying a steady tone (bench-media.html; the
  softphone confirms at once and disables its track); click_to_verified_ms: to the
  widget's verify_media check reporting the silence.

The pages are in bench/pages/, served at the repository root (as tests/pages/ is for the
tests) so that they use ./pyscript.toml and ./static/micropython.toml as a host page does.
"""

import argparse
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from chromium_path import chromium_path  # noqa: E402

PAGES = ROOT / "bench" / "pages"
OUT_JSON = ROOT / "build" / "bench.json"
OUT_PNG = ROOT / "docs" / "bench.png"
NAMES = {"py": "Pyodide", "mpy": "MicroPython"}
LOOPBACK = {"127.0.0.1", "localhost", "[::1]", "::1"}
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-quic",
    "--no-first-run",
    "--disable-sync",
]


def serve() -> "tuple[subprocess.Popen, str]":
    """The static server in its own process (so serving never competes with this one for the GIL)."""
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "scripts" / "serve.py"), "--port", "0", "--overlay", str(PAGES)],
        stdout=subprocess.PIPE,
        text=True,
    )
    line = proc.stdout.readline()
    match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
    if not match:
        proc.kill()
        raise SystemExit(f"bench: the server did not start: {line!r}")
    return proc, f"http://127.0.0.1:{match.group(1)}"


class Watch:
    """Page errors, console errors and requests off loopback: a run that has any is void."""

    def __init__(self, page) -> None:
        self.problems = []
        page.on("pageerror", lambda exc: self.problems.append(f"page error: {exc}"))
        page.on("console", lambda m: m.type == "error" and self.problems.append(f"console error: {m.text}"))

    def check(self, what: str) -> None:
        if self.problems:
            raise SystemExit(f"bench: {what} failed:\n  " + "\n  ".join(self.problems))


def ready_run(browser, site: str, interp: str, kind: str, warm: bool = False) -> dict:
    """One load of the ``kind`` page (bare or widget) in a new browser context: times
    (ms from navigation) and bytes. ``warm``: the page is visited once first, in a tab then closed, so
    the measured visit finds the HTTP cache warm (what scripts/serve.py lets it keep: the
    runtimes, sent as immutable; the package and the pages are sent no-store and fetched again)."""
    address = f"{site}/bench-{kind}-{interp}.html"
    context = browser.new_context()
    mark = "benchReady" if kind == "widget" else "benchFirstLine"
    try:
        if warm:
            first = context.new_page()
            first.goto(address)
            first.wait_for_function(f"window.{mark} !== undefined", polling=100, timeout=120_000)
            first.close()
        page = context.new_page()
        watch = Watch(page)
        cdp = context.new_cdp_session(page)
        sizes, urls = {}, {}
        off = []

        def sent(event):
            url = event["request"]["url"]
            host = urlparse(url).hostname or ""
            if urlparse(url).scheme not in ("data", "blob") and host not in LOOPBACK:
                off.append(url)
            urls[event["requestId"]] = url

        cdp.on("Network.requestWillBeSent", sent)
        cdp.on("Network.loadingFinished", lambda e: sizes.__setitem__(e["requestId"], e["encodedDataLength"]))
        cdp.send("Network.enable")
        page.goto(address)
        page.wait_for_function(f"window.{mark} !== undefined", polling=100, timeout=120_000)
        times = page.evaluate(
            "({first: window.benchFirstLine, imported: window.benchImported, ready: window.benchReady,"
            " progress: Object.fromEntries(benchProgress)})"
        )
        page.wait_for_load_state("load")
        watch.check(address)
        if off:
            raise SystemExit(f"bench: requests off loopback: {off}")
        ready = times["ready"] if kind == "widget" else times["first"]
        return {
            "ready_ms": ready,
            "first_line_ms": times["first"],
            "imported_ms": times.get("imported"),
            "progress": times["progress"],
            "bytes": sum(sizes.values()),
            "requests": len(sizes),
            "files": sorted({urlparse(u).path for u in urls.values() if not u.startswith("data:")}),
        }
    finally:
        context.close()


#: The loads of each round: (kind, warm) -> the key of its results.
LOADS = {
    (kind, warm): kind + ("_warm" if warm else "") for warm in (False, True) for kind in ("bare", "widget")
}


def measure_ready(browser, site: str, interps, runs: int) -> dict:
    """``runs`` cold and ``runs`` warm loads of each page, interleaved: bare and widget
    alternate, their order swapped each round."""
    results = {i: {key: [] for key in LOADS.values()} for i in interps}
    for n in range(runs):
        for interp in interps:
            kinds = ("bare", "widget") if n % 2 == 0 else ("widget", "bare")
            for warm in (False, True):
                for kind in kinds:
                    results[interp][LOADS[kind, warm]].append(ready_run(browser, site, interp, kind, warm))
        last = {
            i: {key: f"{runs_[-1]['ready_ms']:.0f}" for key, runs_ in results[i].items()} for i in interps
        }
        line = "  ".join(
            f"{NAMES[i]} "
            + ", ".join(f"{kind} {last[i][kind]}/{last[i][kind + '_warm']} ms" for kind in ("bare", "widget"))
            for i in interps
        )
        print(f"  ready run {n + 1}/{runs} (cold/warm): {line}", flush=True)
    return results


def isolate(route) -> None:
    """Serve the lab page with COOP and COEP headers (everything it loads is same-origin)."""
    response = route.fetch()
    headers = {
        **response.headers,
        "cross-origin-opener-policy": "same-origin",
        "cross-origin-embedder-policy": "require-corp",
    }
    route.fulfill(response=response, headers=headers)


def dom_listeners(cdp, expression: str) -> int:
    """How many event listeners CDP sees on the object ``expression`` evaluates to."""
    handle = cdp.send("Runtime.evaluate", {"expression": expression, "objectGroup": "bench"})
    object_id = handle["result"]["objectId"]
    listeners = cdp.send("DOMDebugger.getEventListeners", {"objectId": object_id})["listeners"]
    cdp.send("Runtime.releaseObjectGroup", {"objectGroup": "bench"})
    return len(listeners)


def heap(page, cdp) -> dict:
    """JS heap after a forced GC, WebAssembly memory and Python's own heap, now.

    JS first, then a pause for the FinalizationRegistry callbacks through which the
    interpreters release what JS no longer holds, then Python's collector, then JS again.
    """
    cdp.send("HeapProfiler.collectGarbage")
    page.evaluate("new Promise((r) => setTimeout(r, 50))")
    python = json.loads(page.evaluate("benchPythonMemory()"))
    for _ in range(2):
        cdp.send("HeapProfiler.collectGarbage")
    js = cdp.send("Runtime.getHeapUsage")["usedSize"]
    wasm = page.evaluate("benchWasmBytes()")
    return {"js_heap_bytes": js, "wasm_bytes": wasm, "total": js + wasm, **python}


def lab(browser, site: str, interp: str, events: int, cycles: int, clicks: int) -> dict:
    """Events, clicks, heap and listeners on one widget page."""
    context = browser.new_context()
    try:
        page = context.new_page()
        watch = Watch(page)
        cdp = context.new_cdp_session(page)
        cdp.send("HeapProfiler.enable")
        # Cross-origin isolated, so that performance.now() has 5 µs steps instead of 100 µs.
        page.route("**/bench-lab.html*", isolate)
        page.goto(f"{site}/bench-lab.html?interp={interp}")
        page.wait_for_selector("html[data-bench-lab]", state="attached", timeout=120_000)
        if not page.evaluate("crossOriginIsolated"):
            print("  (the lab page is not cross-origin isolated: timings have 100 µs steps)")
        base_doc = dom_listeners(cdp, "document")
        base_win = dom_listeners(cdp, "window")
        page.evaluate("benchMount()")
        watch.check("mounting the widget")

        # -- one SDK event to the button, widget against plain JS ------------------------
        page.evaluate(
            "() => { benchEvents(softphone, benchButton, 500);"
            " benchEvents(jsPhone, document.getElementById('js-button'), 500); }"
        )
        widget_us, js_us, followed = [], [], True
        for _ in range(3):
            w = page.evaluate(f"benchEvents(softphone, benchButton, {events})")
            j = page.evaluate(f"benchEvents(jsPhone, document.getElementById('js-button'), {events})")
            widget_us.append(w["us"])
            js_us.append(j["us"])
            followed = followed and w["followed"] and j["followed"]
        print(f"  {NAMES[interp]}: events done", flush=True)

        # -- click to muteMic() ---------------------------------------------------------
        page.evaluate("benchClicks(50)")  # warm-up
        click_us = page.evaluate(f"benchClicks({clicks})")

        # -- heap growth over connect/mute/confirm/unmute/confirm/hang-up cycles --------
        page.evaluate("softphone.setState('disconnected')")
        page.evaluate("benchCycles(100)")
        early = heap(page, cdp)
        t0 = time.perf_counter()
        page.evaluate(f"benchCycles({cycles - 100})")
        cycle_ms = (time.perf_counter() - t0) * 1000 / max(1, cycles - 100)
        late = heap(page, cdp)
        print(f"  {NAMES[interp]}: {cycles} cycles done", flush=True)

        # -- after destroy(): the first widget, then a second one caught mid-request ----
        page.evaluate("benchDestroy()")
        first = {
            "sdk": page.evaluate("softphone.listenerCount()"),
            "button": dom_listeners(cdp, "benchButton"),
            "document": dom_listeners(cdp, "document") - base_doc,
            "window": dom_listeners(cdp, "window") - base_win,
        }
        page.evaluate("benchCountProxies(); softphone.setState('connected'); benchMount('ctrl+shift+m')")
        page.evaluate("benchCycles(20).then(() => softphone.setState('connected'))")
        page.keyboard.press("Control+Shift+M")  # the shortcut, once: a request sent and confirmed
        page.wait_for_function("softphone.muted === true")
        page.evaluate("softphone.mode = 'hang'; benchButton.click()")
        held = json.loads(page.evaluate("benchCounts()"))
        page.evaluate("benchDestroy()")
        page.evaluate(
            "softphone.setMuted(false); softphone.setState('disconnected')"
        )  # nothing may reach Python
        after = json.loads(page.evaluate("benchCounts()"))
        second = {
            "sdk": page.evaluate("softphone.listenerCount()"),
            "button": dom_listeners(cdp, "benchButton"),
            "document": dom_listeners(cdp, "document") - base_doc,
            "window": dom_listeners(cdp, "window") - base_win,
            "resources": after["listeners"] + after["callbacks"] + after["timers"],
        }
        watch.check(f"bench-lab.html?interp={interp}")
        return {
            "event_us": statistics.median(widget_us),
            "event_us_js": statistics.median(js_us),
            "event_runs_us": widget_us,
            "event_runs_us_js": js_us,
            "events_followed": followed,
            "click_to_sdk_us": statistics.median(click_us),
            "click_to_sdk_us_mean": statistics.fmean(click_us),
            "cycle_ms": cycle_ms,
            "heap_after_100": early,
            "heap_after_all": late,
            "heap_growth_bytes": late["total"] - early["total"],
            # Inside the WebAssembly memory, so not in heap_growth_bytes: MicroPython's heap
            # in use (bytes) or Pyodide's live Python objects, after gc.collect().
            "python_heap_growth": late.get("python_heap_bytes", late.get("python_objects", 0))
            - early.get("python_heap_bytes", early.get("python_objects", 0)),
            "held_before_destroy": held,
            "after_destroy_first": first,
            "after_destroy_second": second,
            "listeners_after_destroy": sum(first.values()) + sum(second.values()),
            "proxies_not_freed": after["proxies_made"] - after["proxies_freed"],
            "proxies_made": after["proxies_made"],
        }
    finally:
        context.close()


def media_lab(browser, site: str, interp: str, clicks: int) -> dict:
    """Click to silence at the remote party, and to the widget's verified silence."""
    context = browser.new_context()
    try:
        page = context.new_page()
        watch = Watch(page)
        page.goto(f"{site}/bench-media.html?interp={interp}")
        page.wait_for_selector("html[data-bench-media]", state="attached", timeout=120_000)
        page.click("#answer")  # a user gesture: the page's audio may start
        page.wait_for_selector("html[data-bench-answered]", state="attached", timeout=30_000)
        runs = page.evaluate(f"benchSilence({clicks})")
        watch.check(f"bench-media.html?interp={interp}")
    finally:
        context.close()

    def p95(values):
        return statistics.quantiles(values, n=20, method="inclusive")[18] if len(values) > 1 else values[0]

    print(f"  {NAMES[interp]}: {clicks} clicks to silence done", flush=True)
    return {
        "click_to_silence_ms_p50": statistics.median(runs["silence"]),
        "click_to_silence_ms_p95": p95(runs["silence"]),
        "click_to_verified_ms_p50": statistics.median(runs["verified"]),
        "click_to_verified_ms_p95": p95(runs["verified"]),
        "click_to_silence_runs_ms": runs["silence"],
        "click_to_verified_runs_ms": runs["verified"],
    }


def breakdown(ready: dict, suffix: str) -> dict:
    """Where the widget page's start-up time goes (medians, ms), from PyScript's own progress
    events and the page's marks: the package archive (fetched and unpacked by PyScript), the
    shim (the JS module), importing the package, and mounting up to the first complete render."""
    widget = ready["widget" + suffix]

    def step(name: str) -> float:
        return statistics.median(
            r["progress"][f"Loaded {name}"] - r["progress"][f"Loading {name}"] for r in widget
        )

    return {
        f"start_files_ms{suffix}": step("files"),
        f"start_shim_ms{suffix}": step("JS modules"),
        f"start_import_ms{suffix}": statistics.median(r["imported_ms"] - r["first_line_ms"] for r in widget),
        f"start_mount_ms{suffix}": statistics.median(r["ready_ms"] - r["imported_ms"] for r in widget),
    }


def load_figures(ready: dict, suffix: str) -> dict:
    """The medians, ratio, runs and bytes of one kind of load (``suffix`` "" cold, "_warm"),
    and where the widget page's time went."""
    bare = [r["ready_ms"] for r in ready["bare" + suffix]]
    widget = [r["ready_ms"] for r in ready["widget" + suffix]]
    return {
        f"ready_ms_bare{suffix}": statistics.median(bare),
        f"ready_ms_widget{suffix}": statistics.median(widget),
        f"ready_ratio{suffix}": statistics.median(widget) / statistics.median(bare),
        f"ready_runs_bare{suffix}": bare,
        f"ready_runs_widget{suffix}": widget,
        f"bytes_transferred{suffix}": int(statistics.median(r["bytes"] for r in ready["widget" + suffix])),
        f"bytes_transferred_bare{suffix}": int(statistics.median(r["bytes"] for r in ready["bare" + suffix])),
        **breakdown(ready, suffix),
    }


def summarise(ready: dict, labs: dict, interps) -> dict:
    figures = {}
    for interp in interps:
        first = [r["first_line_ms"] for r in ready[interp]["widget"]]
        lab_ = labs[interp]
        figures[interp] = {
            **load_figures(ready[interp], ""),
            **load_figures(ready[interp], "_warm"),
            "ready_first_line_ms_widget": statistics.median(first),
            "event_us": lab_["event_us"],
            "event_us_js": lab_["event_us_js"],
            "event_ratio": lab_["event_us"] / lab_["event_us_js"],
            "click_to_sdk_us": lab_["click_to_sdk_us"],
            "heap_growth_bytes": lab_["heap_growth_bytes"],
            "listeners_after_destroy": lab_["listeners_after_destroy"],
            "proxies_not_freed": lab_["proxies_not_freed"],
            "requests": ready[interp]["widget"][0]["requests"],
            "requests_bare": ready[interp]["bare"][0]["requests"],
            "widget_files": [
                f for f in ready[interp]["widget"][0]["files"] if f not in ready[interp]["bare"][0]["files"]
            ],
            "lab": lab_,
        }
    return figures


def dist_sizes() -> dict:
    dist = ROOT / "dist"
    sizes = {}
    for name, key in (("widget.zip", "widget_zip_bytes"), ("widget.tar.gz", "widget_targz_bytes")):
        if (dist / name).is_file():
            sizes[key] = (dist / name).stat().st_size
    return sizes


ROWS = [
    ("ready_ms_bare", "ready, bare runtime (ms, median)", "{:.0f}"),
    ("ready_ms_widget", "ready, widget rendered (ms, median)", "{:.0f}"),
    ("ready_ratio", "ready_ratio", "{:.3f}"),
    ("ready_ms_bare_warm", "ready, bare runtime, warm cache (ms, median)", "{:.0f}"),
    ("ready_ms_widget_warm", "ready, widget rendered, warm cache (ms, median)", "{:.0f}"),
    ("ready_ratio_warm", "ready_ratio, warm", "{:.3f}"),
    ("start_files_ms", "widget page, cold: archive fetched and unpacked (ms)", "{:.0f}"),
    ("start_shim_ms", "widget page, cold: the shim loaded (ms)", "{:.0f}"),
    ("start_import_ms", "widget page, cold: the package imported (ms)", "{:.0f}"),
    ("start_mount_ms", "widget page, cold: mounted and rendered (ms)", "{:.0f}"),
    ("start_files_ms_warm", "widget page, warm: archive fetched and unpacked (ms)", "{:.0f}"),
    ("start_shim_ms_warm", "widget page, warm: the shim loaded (ms)", "{:.0f}"),
    ("start_import_ms_warm", "widget page, warm: the package imported (ms)", "{:.0f}"),
    ("start_mount_ms_warm", "widget page, warm: mounted and rendered (ms)", "{:.0f}"),
    ("event_us", "SDK event to button, widget (µs)", "{:.1f}"),
    ("event_us_js", "the same, plain JS listener (µs)", "{:.1f}"),
    ("event_ratio", "event_ratio", "{:.1f}"),
    ("click_to_sdk_us", "click to muteMic() (µs, median)", "{:.0f}"),
    ("heap_growth_bytes", "heap growth, 10,000 vs 100 cycles (bytes)", "{:,}"),
    ("listeners_after_destroy", "listeners after destroy()", "{}"),
    ("proxies_not_freed", "proxies not freed after destroy()", "{}"),
    ("bytes_transferred", "bytes transferred, cold (widget page)", "{:,}"),
    ("bytes_transferred_bare", "bytes transferred, cold (bare page)", "{:,}"),
    ("bytes_transferred_warm", "bytes transferred, warm (widget page)", "{:,}"),
    ("bytes_transferred_bare_warm", "bytes transferred, warm (bare page)", "{:,}"),
    ("requests", "requests (widget page)", "{}"),
    ("requests_bare", "requests (bare page)", "{}"),
    ("click_to_silence_ms_p50", "click to silence at the remote party (ms, p50)", "{:.0f}"),
    ("click_to_silence_ms_p95", "click to silence at the remote party (ms, p95)", "{:.0f}"),
    ("click_to_verified_ms_p50", "click to verified silence (ms, p50)", "{:.0f}"),
]


def table(figures: dict, interps, cycles: int) -> str:
    """The results as a Markdown table (what the README shows)."""
    head = "| | " + " | ".join(NAMES[i] for i in interps) + " |"
    lines = [head, "| --- |" + " ---: |" * len(interps)]
    for key, label, fmt in ROWS:
        label = label.replace("10,000", f"{cycles:,}")
        lines.append(f"| {label} | " + " | ".join(fmt.format(figures[i][key]) for i in interps) + " |")
    return "\n".join(lines)


CHART = """<!doctype html><html><head><meta charset="utf-8"><style>
body {{ margin: 0; font: 14px system-ui, sans-serif; color: #1d2330; background: #fff; }}
svg text {{ font: 13px system-ui, sans-serif; fill: #1d2330; }}
svg .title {{ font-weight: 600; font-size: 15px; }}
svg .note {{ fill: #5b6372; font-size: 12px; }}
</style></head><body>{svg}</body></html>"""


def chart_svg(figures: dict, interps) -> str:
    """Panels: time to ready per interpreter (bare vs widget, cold and warm, each run a dot),
    and one SDK event (widget vs JS)."""
    width, left, right = 900, 230, 90
    plot = width - left - right
    parts, y = [], 30
    colors = {"bare": "#9aa4b5", "widget": "#2f6fde"}
    for interp in interps:  # one panel, and one scale, per interpreter
        parts.append(
            f'<text class="title" x="20" y="{y}">{NAMES[interp]}: time to ready (ms from navigation)</text>'
        )
        y += 12
        f = figures[interp]
        top = max(
            f["ready_runs_widget"]
            + f["ready_runs_bare"]
            + f["ready_runs_widget_warm"]
            + f["ready_runs_bare_warm"]
        )
        scale = plot / (top * 1.05)
        for suffix, cache in (("", "cold"), ("_warm", "warm")):
            for kind in ("bare", "widget"):
                y += 30
                median = f[f"ready_ms_{kind}{suffix}"]
                label = f"{'bare runtime' if kind == 'bare' else 'with the widget'}, {cache}"
                parts.append(f'<text x="{left - 10}" y="{y + 15}" text-anchor="end">{label}</text>')
                bar = f'width="{median * scale:.1f}" height="22" fill="{colors[kind]}"'
                parts.append(f'<rect x="{left}" y="{y}" {bar}/>')
                for run in f[f"ready_runs_{kind}{suffix}"]:
                    cx = left + run * scale
                    parts.append(f'<circle cx="{cx:.1f}" cy="{y + 11}" r="3" fill="none" stroke="#1d2330"/>')
                parts.append(f'<text x="{left + plot + 12}" y="{y + 15}">{median:.0f}</text>')
        y += 22
        note = f"ready_ratio {f['ready_ratio']:.3f} cold, {f['ready_ratio_warm']:.3f} warm"
        parts.append(f'<text class="note" x="{left}" y="{y + 12}">{note}</text>')
        y += 48
    parts.append(
        f'<text class="title" x="20" y="{y}">One SDK mic event reflected on a button (µs, mean)</text>'
    )
    y += 12
    top = max(max(figures[i]["event_us"], figures[i]["event_us_js"]) for i in interps)
    scale = plot / (top * 1.05)
    for interp in interps:
        for key, label, color in (
            ("event_us", f"{NAMES[interp]}, the widget", "#2f6fde"),
            ("event_us_js", f"{NAMES[interp]}, plain JS", "#9aa4b5"),
        ):
            y += 30
            value = figures[interp][key]
            parts.append(f'<text x="{left - 10}" y="{y + 15}" text-anchor="end">{label}</text>')
            parts.append(f'<rect x="{left}" y="{y}" width="{value * scale:.1f}" height="22" fill="{color}"/>')
            parts.append(f'<text x="{left + plot + 12}" y="{y + 15}">{value:.1f}</text>')
        y += 22
        ratio = figures[interp]["event_ratio"]
        parts.append(f'<text class="note" x="{left}" y="{y + 12}">event_ratio {ratio:.1f}</text>')
        y += 8
    y += 30
    parts.append(
        f'<text class="note" x="20" y="{y}">Bars: medians. Circles: each run. make bench, '
        f"{time.strftime('%Y-%m-%d')}.</text>"
    )
    height = y + 20
    return (
        (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}">' + "".join(parts) + "</svg>"
        ),
        width,
        height,
    )


def draw_chart(browser, figures: dict, interps, path: Path) -> None:
    """Render the chart as SVG in Chromium and keep the screenshot: no plotting package needed."""
    svg, width, height = chart_svg(figures, interps)
    context = browser.new_context(viewport={"width": width, "height": height}, device_scale_factor=1)
    try:
        page = context.new_page()
        page.set_content(CHART.format(svg=svg))
        path.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(path), full_page=True)
    finally:
        context.close()


def load_average() -> "list[float] | None":
    try:
        return list(os.getloadavg())
    except OSError:
        return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="cold loads of each page (at least 7)")
    parser.add_argument("--events", type=int, default=5000)
    parser.add_argument("--cycles", type=int, default=10_000)
    parser.add_argument("--clicks", type=int, default=300)
    parser.add_argument("--silences", type=int, default=30, help="clicks to silence over WebRTC")
    parser.add_argument("--interp", nargs="+", choices=("py", "mpy"), default=["py", "mpy"])
    parser.add_argument("--no-chart", action="store_true", help="do not redraw docs/bench.png")
    parser.add_argument("--skip-ready", action="store_true", help="(debugging) only the lab figures")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    proc, site = serve()
    load_before = load_average()
    started = time.time()
    try:
        with sync_playwright() as pw:
            launch = {"args": LAUNCH_ARGS}
            if chromium_path():
                launch["executable_path"] = chromium_path()
            browser = pw.chromium.launch(**launch)
            print(f"bench: Chromium {browser.version}, load average {load_before}", flush=True)
            if args.skip_ready:
                steps = {
                    f"{verb} {name}": 1 for verb in ("Loading", "Loaded") for name in ("files", "JS modules")
                }
                dummy = {"ready_ms": 1, "first_line_ms": 1, "imported_ms": 1, "progress": steps}
                dummy.update(bytes=0, requests=0, files=[])
                ready = {i: {key: [dummy] for key in LOADS.values()} for i in args.interp}
            else:
                ready = measure_ready(browser, site, args.interp, args.runs)
            labs = {i: lab(browser, site, i, args.events, args.cycles, args.clicks) for i in args.interp}
            figures = summarise(ready, labs, args.interp)
            for interp in args.interp:
                figures[interp].update(media_lab(browser, site, interp, args.silences))
            if not args.no_chart and not args.skip_ready:
                draw_chart(browser, figures, args.interp, OUT_PNG)
            version = browser.version
            browser.close()
    finally:
        proc.terminate()
        proc.wait()
    result = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "seconds": round(time.time() - started, 1),
        "chromium": version,
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform()},
        "load_average_before": load_before,
        "load_average_after": load_average(),
        "runs": args.runs,
        "events": args.events,
        "cycles": args.cycles,
        **dist_sizes(),
        **figures,
    }
    OUT_JSON.parent.mkdir(exist_ok=True)
    OUT_JSON.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print()
    print(table(figures, args.interp, args.cycles))
    for key, value in dist_sizes().items():
        print(f"{key}: {value:,}")
    print(
        f"\nload average before/after: {load_before} / {result['load_average_after']};"
        f" {result['seconds']} s; wrote {OUT_JSON.relative_to(ROOT)}"
        + ("" if args.no_chart or args.skip_ready else f" and {OUT_PNG.relative_to(ROOT)}")
    )


if __name__ == "__main__":
    main()
