"""Firefox and WebKit for the browser tests, beside Playwright's Chromium (tests/conftest.py).

Both are Debian's own packages (scripts/setup.sh), each driven over the protocol it speaks:

- **Firefox** (``firefox-esr``) over WebDriver BiDi, straight from Python (``websocket-client``):
  Firefox has BiDi built in, Debian packages no geckodriver, and Playwright's own BiDi client
  asks for commands Firefox ESR does not have yet (``emulation.setMediaFeaturesOverride``).
  Requests are intercepted (``network.addIntercept``): one off loopback is failed and recorded;
  page errors and console messages come from ``log.entryAdded``.
- **WebKit** (WebKitGTK's MiniBrowser) through ``WebKitWebDriver`` with Selenium, in an Xvfb
  the fixture starts (this MiniBrowser has no headless mode). WebKitWebDriver speaks classic
  WebDriver only: no request interception, no console. So every request off loopback goes to
  a recording proxy that refuses it (MiniBrowser's ``--proxy``, loopback excepted), and page
  errors, unhandled rejections and ``console.error``/``console.warn`` are recorded by a script
  the test server puts first in every HTML page it serves (``PAGE_WATCH``). What that script
  cannot see: an error thrown before it runs (none can: it is the page's first script) and
  failed resource loads that only the browser's console would mention.

``Page`` is the same small API on both: ``goto``, ``js`` (the JSON value of an expression,
awaited), ``wait`` (until an expression is truthy), ``click`` (a real pointer click at the
element's centre, so a disabled button gets it and ignores it), ``press`` (real key events).
"""

import contextlib
import http.server
import itertools
import json
import os
import queue
import re
import shutil
import subprocess
import tempfile
import threading
from urllib.parse import urlparse

FIREFOX = "/usr/bin/firefox-esr"
WEBKIT_DRIVER = "/usr/bin/WebKitWebDriver"
MINIBROWSER = "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser"
LOOPBACK = {"127.0.0.1", "localhost", "[::1]", "::1"}

# WebDriver key values.
CONTROL, SHIFT, ENTER = "\ue009", "\ue008", "\ue007"

#: The first script of every page the WebKit tests load: what a console would show.
PAGE_WATCH = """<script>(() => {
  const watch = (window.__pageWatch = { errors: [], warnings: [] });
  const text = (value) => (value && value.stack) || String(value);
  addEventListener("error", (e) => watch.errors.push("page error: " + (e.error ? text(e.error) : e.message)));
  addEventListener("unhandledrejection", (e) => watch.errors.push("page error: " + text(e.reason)));
  const levels = [["error", watch.errors, "console error: "], ["warn", watch.warnings, ""]];
  for (const [level, list, tag] of levels) {
    const original = console[level];
    console[level] = function (...args) {
      list.push(tag + args.map(text).join(" "));
      return original.apply(this, args);
    };
  }
})();</script>"""

FIREFOX_PREFS = {
    # WebRTC: a fake microphone (a tone) and no permission prompt.
    "media.navigator.streams.fake": True,
    "media.navigator.permission.disabled": True,
    "media.autoplay.default": 0,
    "media.autoplay.block-webaudio": False,
    # No sound server here: an audio output that plays to nowhere, so WebAudio runs.
    "media.cubeb.force_mock_context": True,
    # Nothing of Firefox's own on the network.
    "app.update.disabledForTesting": True,
    "browser.shell.checkDefaultBrowser": False,
    "browser.startup.page": 0,
    "browser.startup.homepage_override.mstone": "ignore",
    "browser.newtabpage.enabled": False,
    "browser.safebrowsing.malware.enabled": False,
    "browser.safebrowsing.phishing.enabled": False,
    "browser.safebrowsing.downloads.enabled": False,
    "datareporting.policy.dataSubmissionEnabled": False,
    "toolkit.telemetry.reportingpolicy.firstRun": False,
    "network.captive-portal-service.enabled": False,
    "network.connectivity-service.enabled": False,
    "extensions.update.enabled": False,
    "remote.prefs.recommended": True,
}


def available(name: str) -> bool:
    """The browser and its driver are installed (scripts/setup.sh test)."""
    if name == "firefox":
        return os.access(FIREFOX, os.X_OK)
    return (
        all(os.access(p, os.X_OK) for p in (WEBKIT_DRIVER, MINIBROWSER)) and shutil.which("Xvfb") is not None
    )


def off_loopback(url: str) -> bool:
    parsed = urlparse(url)
    return parsed.scheme not in ("data", "blob", "about") and (parsed.hostname or "") not in LOOPBACK


class PageWatch:
    """What a page did that must fail its test (tests/conftest.py's ``watch`` in Chromium,
    ``Page`` here): errors, warnings, requests off loopback; ``allowed_errors`` are not."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        self.warnings: list[str] = []
        self.off_loopback: list[str] = []
        self.allowed_errors: list[re.Pattern] = []

    def problems(self) -> list[str]:
        errors = [e for e in self.errors if not any(p.search(e) for p in self.allowed_errors)]
        return [f"request off loopback: {u}" for u in self.off_loopback] + errors


# -- one page, either browser ------------------------------------------------------------
class Page(PageWatch):
    """What a test does in a page; ``errors``/``warnings``/``off_loopback`` are what it did."""

    def problems(self) -> list[str]:
        self.collect()
        return super().problems()

    def collect(self) -> None:
        """Bring in what the page recorded itself (WebKit); nothing to do over BiDi."""

    def js(self, expression: str, timeout: float = 30):
        """The value of a JavaScript expression (a promise is awaited), through JSON."""
        return json.loads(self._run("JSON.stringify(await (" + expression + ")) ?? 'null'", timeout))

    def wait(self, condition: str, timeout: float = 5) -> None:
        """Until the expression is truthy, checked every 20 ms in the page."""
        ms = int(timeout * 1000)
        self._run(
            "await new Promise((resolve, reject) => { const start = performance.now();"
            f" const tick = () => {{ let v; try {{ v = ({condition}); }} catch (e) {{ v = false; }}"
            f" if (v) resolve(); else if (performance.now() - start > {ms})"
            f" reject(new Error('timed out after {ms} ms waiting for: ' + {json.dumps(condition)}));"
            " else setTimeout(tick, 20); }; tick(); }), 'null'",
            timeout + 10,
        )

    def wait_selector(self, selector: str, timeout: float = 5) -> None:
        self.wait(f"document.querySelector({json.dumps(selector)}) !== null", timeout)

    def centre(self, selector: str) -> tuple:
        box = self.js(
            f"(() => {{ const el = document.querySelector({json.dumps(selector)});"
            " el.scrollIntoView({block: 'center'}); const r = el.getBoundingClientRect();"
            " return [Math.round(r.x + r.width / 2), Math.round(r.y + r.height / 2)]; })()"
        )
        return tuple(box)

    def focus(self, selector: str) -> None:
        self.js(f"document.querySelector({json.dumps(selector)}).focus()")

    def goto(self, url: str) -> None:
        raise NotImplementedError

    def click(self, selector: str) -> None:
        raise NotImplementedError

    def press(self, *keys: str) -> None:
        """Press the keys in order and release them in reverse: press(CONTROL, SHIFT, "M")."""
        raise NotImplementedError

    def _run(self, body: str, timeout: float) -> str:
        raise NotImplementedError


# -- Firefox over WebDriver BiDi -----------------------------------------------------------
class BidiError(Exception):
    pass


class Bidi:
    """A WebDriver BiDi connection: commands wait for their answer; events go to handlers,
    on the reader thread (an intercepted request must be answered at once)."""

    def __init__(self, url: str) -> None:
        import websocket  # websocket-client, pinned in requirements-dev.txt

        self._ws = websocket.create_connection(url, timeout=None, suppress_origin=True)
        self._ids = itertools.count(1)
        self._waiting: dict[int, queue.Queue] = {}
        self._lock = threading.Lock()
        self.handlers: dict[str, list] = {}
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        with contextlib.suppress(Exception):
            while True:
                message = json.loads(self._ws.recv())
                if "id" in message and message["id"] in self._waiting:
                    self._waiting.pop(message["id"]).put(message)
                elif message.get("type") == "event":
                    for handler in self.handlers.get(message["method"], []):
                        handler(message["params"])
        for waiting in list(self._waiting.values()):
            waiting.put({"type": "error", "error": "closed", "message": "the connection closed"})

    def post(self, method: str, params: dict) -> queue.Queue:
        id_ = next(self._ids)
        answer = self._waiting[id_] = queue.Queue()
        with self._lock:
            self._ws.send(json.dumps({"id": id_, "method": method, "params": params}))
        return answer

    def send(self, method: str, params: dict, timeout: float = 30) -> dict:
        try:
            message = self.post(method, params).get(timeout=timeout)
        except queue.Empty:
            raise BidiError(f"{method}: no answer in {timeout} s") from None
        if message.get("type") == "error":
            raise BidiError(f"{method}: {message.get('error')}: {message.get('message')}")
        return message["result"]

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self._ws.close()


class Firefox:
    """One headless Firefox ESR for a worker; ``page()`` opens a tab for one test."""

    def __init__(self) -> None:
        self.profile = tempfile.mkdtemp(prefix="firefox-profile-")
        with open(os.path.join(self.profile, "user.js"), "w", encoding="utf-8") as prefs:
            for name, value in FIREFOX_PREFS.items():
                prefs.write(f"user_pref({json.dumps(name)}, {json.dumps(value)});\n")
        self.process = subprocess.Popen(
            [FIREFOX, "--headless", "--no-remote", "--remote-debugging-port=0", "--profile", self.profile],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "MOZ_CRASHREPORTER_DISABLE": "1", "MOZ_DISABLE_SAFE_MODE_KEY": "1"},
        )
        url = None
        for line in self.process.stderr:
            found = re.search(r"WebDriver BiDi listening on (ws://\S+)", line)
            if found:
                url = found.group(1)
                break
        if url is None:
            raise RuntimeError(f"Firefox did not start (exit {self.process.wait()})")
        threading.Thread(target=self.process.stderr.read, daemon=True).start()  # keep the pipe drained
        self.bidi = Bidi(url + "/session")
        self.version = self.bidi.send("session.new", {"capabilities": {}})["capabilities"]["browserVersion"]
        self.pages: dict[str, BidiPage] = {}
        self.bidi.handlers["network.beforeRequestSent"] = [self._request]
        self.bidi.handlers["log.entryAdded"] = [self._log]
        self.bidi.send("session.subscribe", {"events": ["network.beforeRequestSent", "log.entryAdded"]})
        self.bidi.send("network.addIntercept", {"phases": ["beforeRequestSent"]})

    def _request(self, params: dict) -> None:
        if not params.get("isBlocked"):
            return
        request, url = params["request"]["request"], params["request"]["url"]
        page = self.pages.get(params.get("context"))
        if off_loopback(url):
            if page is not None:
                page.off_loopback.append(url)
            self.bidi.post("network.failRequest", {"request": request})
        else:
            self.bidi.post("network.continueRequest", {"request": request})

    def _log(self, params: dict) -> None:
        page = self.pages.get(params.get("source", {}).get("context"))
        if page is None:
            return
        text = params.get("text") or ""
        if params.get("type") == "javascript":
            page.errors.append(f"page error: {text}")
        elif params.get("level") == "error":
            page.errors.append(f"console error: {text}")
        elif params.get("level") == "warn":
            page.warnings.append(text)

    def page(self) -> "BidiPage":
        context = self.bidi.send("browsingContext.create", {"type": "tab"})["context"]
        page = self.pages[context] = BidiPage(self, context)
        return page

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.bidi.send("browser.close", {}, timeout=10)
        self.bidi.close()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self.profile, ignore_errors=True)


class BidiPage(Page):
    def __init__(self, browser: Firefox, context: str) -> None:
        super().__init__()
        self.browser = browser
        self.context = context

    def goto(self, url: str) -> None:
        self.browser.bidi.send(
            "browsingContext.navigate", {"context": self.context, "url": url, "wait": "complete"}
        )

    def _run(self, body: str, timeout: float) -> str:
        result = self.browser.bidi.send(
            "script.callFunction",
            {
                "functionDeclaration": "async () => { return " + body + "; }",
                "awaitPromise": True,
                "target": {"context": self.context},
            },
            timeout,
        )
        if result["type"] == "exception":
            details = result["exceptionDetails"]
            raise BidiError(f"in the page: {details.get('text')}")
        return result["result"]["value"]

    def click(self, selector: str) -> None:
        x, y = self.centre(selector)
        self._actions(
            {
                "type": "pointer",
                "id": "mouse",
                "parameters": {"pointerType": "mouse"},
                "actions": [
                    {"type": "pointerMove", "x": x, "y": y},
                    {"type": "pointerDown", "button": 0},
                    {"type": "pointerUp", "button": 0},
                ],
            }
        )

    def press(self, *keys: str) -> None:
        down = [{"type": "keyDown", "value": k} for k in keys]
        up = [{"type": "keyUp", "value": k} for k in reversed(keys)]
        self._actions({"type": "key", "id": "keyboard", "actions": down + up})

    def _actions(self, source: dict) -> None:
        self.browser.bidi.send("input.performActions", {"context": self.context, "actions": [source]})
        self.browser.bidi.send("input.releaseActions", {"context": self.context})

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.browser.bidi.send("browsingContext.close", {"context": self.context}, timeout=10)
        self.browser.pages.pop(self.context, None)


# -- WebKit through WebKitWebDriver ------------------------------------------------------
class RefusingProxy(http.server.ThreadingHTTPServer):
    """The HTTP proxy WebKit is given for everything but loopback: records and refuses."""

    def __init__(self) -> None:
        self.seen: list[str] = []
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def refuse(self) -> None:
                proxy.seen.append(self.path if "://" in self.path else "https://" + self.path)
                self.send_error(502, "off loopback")

            do_GET = do_POST = do_PUT = do_HEAD = do_OPTIONS = do_DELETE = do_CONNECT = refuse

            def log_message(self, *args) -> None:
                pass

        super().__init__(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.serve_forever, daemon=True).start()


class Xvfb:
    """A virtual X display of our own (the first free one)."""

    def __init__(self) -> None:
        read, write = os.pipe()
        self.process = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write), "-nolisten", "tcp", "-screen", "0", "1280x1024x24"],
            pass_fds=(write,),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(write)
        with os.fdopen(read) as pipe:
            self.display = ":" + pipe.readline().strip()

    def close(self) -> None:
        self.process.terminate()
        self.process.wait()


class WebKit:
    """One MiniBrowser for a worker, in its own Xvfb; ``page()`` is its one window, per test."""

    def __init__(self) -> None:
        from selenium import webdriver
        from selenium.webdriver.webkitgtk.service import Service

        self.xvfb = Xvfb()
        self.proxy = RefusingProxy()
        options = webdriver.WebKitGTKOptions()
        options.binary_location = MINIBROWSER
        for arg in (
            "--automation",
            "--enable-media-stream=true",
            "--enable-mock-capture-devices=true",
            "--enable-webrtc=true",
            f"--proxy=http://127.0.0.1:{self.proxy.server_address[1]}",
            "--ignore-host=127.0.0.1",
            "--ignore-host=localhost",
        ):
            options.add_argument(arg)
        service = Service(executable_path=WEBKIT_DRIVER, env={**os.environ, "DISPLAY": self.xvfb.display})
        try:
            self.driver = webdriver.WebKitGTK(options=options, service=service)
        except Exception:
            self.proxy.shutdown()
            self.xvfb.close()
            raise
        self.driver.set_script_timeout(120)
        self.version = self.driver.capabilities.get("browserVersion")

    def page(self) -> "WebKitPage":
        self.proxy.seen.clear()
        return WebKitPage(self)

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.driver.quit()
        self.proxy.shutdown()
        self.xvfb.close()


class WebKitPage(Page):
    def __init__(self, browser: WebKit) -> None:
        super().__init__()
        self.browser = browser
        self.driver = browser.driver
        self._recorded = 0

    def collect(self) -> None:
        self.off_loopback[:] = list(self.browser.proxy.seen)
        with contextlib.suppress(Exception):
            watch = self.driver.execute_script("return window.__pageWatch || null")
            if watch is not None:
                self.errors[self._recorded :] = watch["errors"]
                self.warnings[:] = watch["warnings"]

    def goto(self, url: str) -> None:
        self.collect()
        self._recorded = len(self.errors)
        self.driver.get(url)

    def _run(self, body: str, timeout: float) -> str:
        self.driver.set_script_timeout(timeout)
        answer = self.driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "(async () => { return " + body + "; })()"
            ".then((value) => done({ value }), (e) => done({ error: String(e) + ' ' + (e && e.stack) }));"
        )
        if "error" in answer:
            raise RuntimeError(f"in the page: {answer['error']}")
        return answer["value"]

    def click(self, selector: str) -> None:
        from selenium.webdriver.common.actions.action_builder import ActionBuilder

        x, y = self.centre(selector)
        actions = ActionBuilder(self.driver)
        actions.pointer_action.move_to_location(x, y).click()
        actions.perform()

    def press(self, *keys: str) -> None:
        from selenium.webdriver.common.actions.action_builder import ActionBuilder

        actions = ActionBuilder(self.driver)
        for key in keys:
            actions.key_action.key_down(key)
        for key in reversed(keys):
            actions.key_action.key_up(key)
        actions.perform()

    def close(self) -> None:
        self.collect()
        with contextlib.suppress(Exception):
            self.driver.get("about:blank")


def launch(name: str):
    return Firefox() if name == "firefox" else WebKit()
