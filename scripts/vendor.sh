#!/usr/bin/env bash
# Copy the pinned runtimes from node_modules into static/vendor/ so the page needs no CDN.
set -euo pipefail
cd "$(dirname "$0")/.."
out=static/vendor
rm -rf "$out.tmp"
mkdir -p "$out.tmp/pyscript" "$out.tmp/pyodide" "$out.tmp/micropython"
cp node_modules/@pyscript/core/dist/*.js node_modules/@pyscript/core/dist/*.css "$out.tmp/pyscript/"
for f in pyodide.mjs pyodide.asm.mjs pyodide.asm.wasm python_stdlib.zip pyodide-lock.json; do
  cp "node_modules/pyodide/$f" "$out.tmp/pyodide/"
done
cp node_modules/@micropython/micropython-webassembly-pyscript/micropython.{mjs,wasm} "$out.tmp/micropython/"
rm -rf "$out"
mv "$out.tmp" "$out"
echo "runtimes copied to $out"

# The real JsSIP for the JsSIP demo and its tests (demo/jssip-phones.js): the package ships
# CommonJS only, so esbuild bundles it into one ES module. It is demo code, not the widget's:
# demo/vendor/ (git-ignored), beside the demo that loads it, and never part of dist/.
mkdir -p demo/vendor
node_modules/.bin/esbuild node_modules/jssip/lib/JsSIP.js --bundle --format=esm --platform=browser \
  --log-level=warning --outfile=demo/vendor/jssip.js
echo "jssip bundled into demo/vendor/jssip.js"

# The real Twilio Voice SDK for its tests (tests/pages/twilio-gateway.js): its ESM entry imports
# the bare specifiers events, loglevel and tslib, so esbuild bundles it, with the EventEmitter
# it extends (for the test's signalling double), into demo/vendor/ (git-ignored) as well.
echo "export { Call, Device } from '@twilio/voice-sdk'; export { EventEmitter } from 'events';" |
  node_modules/.bin/esbuild --bundle --format=esm --platform=browser --log-level=warning \
    --sourcefile=twilio-voice-entry.js --outfile=demo/vendor/twilio-voice.js
echo "@twilio/voice-sdk bundled into demo/vendor/twilio-voice.js"
