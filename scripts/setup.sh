#!/usr/bin/env bash
# Install what the demo and the tests need, on a fresh Debian machine or a laptop:
#   scripts/setup.sh runtime   npm packages + static/vendor/ + .venv (demo)
#   scripts/setup.sh test      the same, plus Chromium and the test tools
# Each step is skipped when it is already done.
set -euo pipefail
cd "$(dirname "$0")/.."
want=${1:-test}

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi; }
apt_updated=""
apt_install() {
  command -v apt-get >/dev/null || return 1
  if [ -z "$apt_updated" ]; then as_root apt-get update -qq || return 1; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
}

# Node.js and npm, for the pinned PyScript / Pyodide / MicroPython runtimes.
if ! command -v npm >/dev/null; then
  echo "setup: installing nodejs and npm from Debian's packages"
  apt_install nodejs npm || { echo "setup: npm is missing; install Node.js 18+" >&2; exit 1; }
fi
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi
if [ ! -f static/vendor/.stamp ] || [ ! -f demo/vendor/jssip.js ] || [ ! -f demo/vendor/twilio-voice.js ] || [ node_modules/.package-lock.json -nt static/vendor/.stamp ]; then
  scripts/vendor.sh
  touch static/vendor/.stamp
fi

# Python virtual environment.
if ! python3 -c "import venv, ensurepip" 2>/dev/null; then
  echo "setup: installing python3-venv from Debian's packages"
  apt_install python3-venv || { echo "setup: python3 -m venv does not work here" >&2; exit 1; }
fi
requirements=requirements.txt
[ "$want" = test ] && requirements=requirements-dev.txt
if [ ! -x .venv/bin/python ]; then python3 -m venv .venv; fi
stamp=.venv/.installed-$(basename "$requirements" .txt)
if [ ! -f "$stamp" ] || [ "$requirements" -nt "$stamp" ] || [ requirements.txt -nt "$stamp" ]; then
  echo "setup: pip install -r $requirements"
  .venv/bin/python -m pip install -q --disable-pip-version-check -r "$requirements"
  touch "$stamp"
fi

# Kamailio with its WebSocket modules: the SIP server of the JsSIP demo and of the real JsSIP
# tests (tests/servers/kamailio.py starts it on loopback).
if ! { command -v kamailio || [ -x /usr/sbin/kamailio ]; } >/dev/null \
  || [ -z "$(find /usr/lib -path '*kamailio/modules/websocket.so' -print -quit 2>/dev/null)" ]; then
  echo "setup: installing kamailio and kamailio-websocket-modules from Debian's packages"
  apt_install kamailio kamailio-websocket-modules || echo "setup: kamailio is missing: the JsSIP demo and its tests need it" >&2
fi

# The widget package as one archive per interpreter, what the root configs load
# (scripts/serve.py rebuilds them whenever a module changes).
.venv/bin/python scripts/build_package.py
# micropip in the self-hosted Pyodide (npm's package ships no wheels), pinned, from PyPI:
# a config with `packages` then works offline too.
.venv/bin/python scripts/vendor_micropip.py

[ "$want" = test ] || exit 0

# Chromium: Debian's package; where there is no apt, Playwright's own download.
if [ -z "$(.venv/bin/python scripts/chromium_path.py)" ]; then
  echo "setup: installing chromium from Debian's packages"
  apt_install chromium || .venv/bin/python -m playwright install chromium
fi
# Firefox ESR and WebKitGTK (WebKitWebDriver and its MiniBrowser), with Xvfb for the latter:
# Debian's packages only (tests/browsers.py drives them; no browser is downloaded).
webkit=/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser
if [ ! -x /usr/bin/firefox-esr ] || [ ! -x /usr/bin/WebKitWebDriver ] || [ ! -x "$webkit" ] || ! command -v Xvfb >/dev/null; then
  echo "setup: installing firefox-esr, webkit2gtk-driver and xvfb from Debian's packages"
  apt_install firefox-esr webkit2gtk-driver xvfb \
    || echo "setup: firefox-esr / webkit2gtk-driver / xvfb are missing: the Firefox and WebKit tests need them" >&2
fi
echo "setup: ready (chromium: $(.venv/bin/python scripts/chromium_path.py || true)," \
  "firefox: $(command -v firefox-esr || echo missing), webkit: $(command -v WebKitWebDriver || echo missing))"
