"""Every Genesys name the adapters and their fakes use exists in the real thing.

- WebRTC SDK: the names GenesysWebRtc uses (read from its source) are compiled against
  the real package's typings (node_modules/genesys-cloud-webrtc-sdk/dist/es/*.d.ts) with
  tsc, and the fake (demo/fakes/genesys-webrtc.js) is type-checked against them too
  (checkJs). A control file with misspelt names must fail, so the check has teeth.
- Embeddable Framework: there is no npm package. The names are recorded below with the
  source each was seen in; static/genesys/framework.js is run in Node against a recording
  PureCloud, and the fake softphone in Node, and every name they and the adapter use
  must be recorded.
"""

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.typings import compile_errors, ts_string, tsc_available
from widget.adapters import genesys_framework, genesys_webrtc

ROOT = Path(__file__).resolve().parents[2]
WEBRTC_SOURCE = Path(genesys_webrtc.__file__).read_text()
FRAMEWORK_SOURCE = Path(genesys_framework.__file__).read_text()
WEBRTC_FAKE = ROOT / "demo" / "fakes" / "genesys-webrtc.js"
FRAMEWORK_JS = ROOT / "static" / "genesys" / "framework.js"
SOFTPHONE_FAKE = ROOT / "demo" / "fakes" / "genesys-softphone.js"

needs_tsc = pytest.mark.skipif(not tsc_available(), reason="node_modules/.bin/tsc is missing: run `npm ci`")
needs_node = pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")


# -- WebRTC SDK: what the adapter uses, read from its source ---------------------------
def webrtc_usage() -> dict:
    """Methods, events, option keys and fields that genesys_webrtc.py uses on the SDK."""
    required = re.search(r"sdk_object\([^()]*\(([^()]*)\)\)", WEBRTC_SOURCE).group(1)
    listens = re.findall(
        r'resources\.listen\(\s*sdk,\s*"(\w+)",[^)]*add="(\w+)", remove="(\w+)"\)', WEBRTC_SOURCE
    )
    requests = re.findall(r'\bask\(\s*self\._resources,\s*self\._sdk,\s*"(\w+)"', WEBRTC_SOURCE)
    options = re.search(r"js_object\(([^()]*)\)", WEBRTC_SOURCE).group(1).split(",")
    return {
        "methods": sorted(set(re.findall(r'"(\w+)"', required)) | {m for _, a, r in listens for m in (a, r)}),
        "events": sorted({e for e, _, _ in listens} | set(genesys_webrtc.EVENTS)),
        "requests": sorted(set(requests)),
        "option_keys": [k.strip().strip('"') for k in options[::2]],
        "fields": sorted(set(re.findall(r'bridge\.field\([^,()]+(?:\([^()]*\))?, "(\w+)"\)', WEBRTC_SOURCE))),
        "states": sorted(genesys_webrtc.CALL_STATES),
    }


# Where each field the adapter reads lives, as an expression on the typed event arguments.
FIELD_USES = {
    "activeConversationId": ("conversationUpdate", "evt.activeConversationId"),
    "current": ("conversationUpdate", "evt.current"),
    "removed": ("conversationUpdate", "evt.removed"),
    "conversationId": ("conversationUpdate", "evt.current[0].conversationId, evt.removed[0].conversationId"),
    "mostRecentCallState": ("conversationUpdate", "evt.current[0].mostRecentCallState"),
    "state": ("conversationUpdate", "evt.current[0].mostRecentCallState!.state"),
    "muted": ("conversationUpdate", "evt.current[0].mostRecentCallState!.muted"),
    "held": ("conversationUpdate", "evt.current[0].mostRecentCallState!.held"),
    "session": ("conversationUpdate", "evt.current[0].session"),
    "pc": ("conversationUpdate", "evt.current[0].session!.pc"),
    "peerConnection": ("conversationUpdate", "evt.current[0].session!.peerConnection"),
}
SESSION_FIELDS = {
    "conversationId": "session.conversationId",
    "sessionReplacedByReinvite": "session.sessionReplacedByReinvite",
}


def usage_ts(usage: dict, fields: dict, session_fields: dict) -> str:
    """A TypeScript file that uses every name on the real types."""
    lines = [
        "import { GenesysCloudWebrtcSdk, CommunicationStates } from 'genesys-cloud-webrtc-sdk';",
        "declare const sdk: GenesysCloudWebrtcSdk;",
    ]
    for i, method in enumerate(usage["methods"] + usage["requests"]):
        lines.append(f"const method{i}: Function = sdk.{method};")
    keys = ", ".join(f"{k}: null!" for k in usage["option_keys"])
    lines.append(f"const request: Promise<void> = sdk.{usage['requests'][0]}({{ {keys} }});")
    for event in usage["events"]:
        lines.append(f"sdk.removeListener({ts_string(event)}, () => {{}});")
    by_event = {}
    for event, expression in fields.values():
        by_event.setdefault(event, []).append(expression)
    for event in usage["events"]:
        if event == "sessionEnded":
            uses = ", ".join(session_fields.values())
            lines.append(
                f"sdk.on({ts_string(event)}, (session, reason) => {{ const uses = [{uses}, reason]; }});"
            )
        else:
            uses = ", ".join(by_event.get(event, ["evt"]))
            lines.append(f"sdk.on({ts_string(event)}, (evt) => {{ const uses = [{uses}]; }});")
    states = ", ".join(ts_string(s) for s in usage["states"])
    lines.append(f"const states: `${{CommunicationStates}}`[] = [{states}];")
    return "\n".join(lines) + "\n"


@needs_tsc
def test_webrtc_names_exist_in_the_real_typings_and_the_fake_is_typed_by_them():
    usage = webrtc_usage()
    assert usage["methods"] == ["on", "removeListener", "setAudioMute"]
    assert usage["events"] == [
        "cancelPendingSession",
        "conversationUpdate",
        "handledPendingSession",
        "sessionEnded",
    ]
    assert usage["requests"] == ["setAudioMute"] and usage["option_keys"] == ["conversationId", "mute"]
    unmapped = set(usage["fields"]) - set(FIELD_USES) - set(SESSION_FIELDS)
    assert not unmapped, f"genesys_webrtc.py reads {unmapped}: add where each lives to FIELD_USES"

    # The control: the same generator with one wrong name of each kind must fail on each.
    wrong = dict(usage, events=[*usage["events"], "audioMute"], option_keys=["conversationId", "muted"])
    wrong["states"] = [*usage["states"], "ringing"]
    wrong_fields = dict(
        FIELD_USES, isMuted=("conversationUpdate", "evt.current[0].mostRecentCallState!.isMuted")
    )
    control_ts = usage_ts(wrong, wrong_fields, {})
    errors = compile_errors(
        {"use.ts": usage_ts(usage, FIELD_USES, SESSION_FIELDS), "control.ts": control_ts},
        files=(WEBRTC_FAKE,),
    )
    ours = [e for e in errors if "control.ts" not in e]
    assert not ours, "names missing from the real typings:\n" + "\n".join(ours)
    failing = {int(m) for m in re.findall(r"control\.ts\((\d+),", "\n".join(errors))}
    for name in ("audioMute", "muted", "ringing", "isMuted"):
        lines = {n for n, line in enumerate(control_ts.splitlines(), 1) if re.search(rf"\b{name}\b", line)}
        assert lines & failing, f"the check did not catch {name!r}: {errors}"


# -- Embeddable Framework: the names, each with where it was seen ----------------------
EXAMPLE = "MyPureCloud/purecloud-embeddable-framework-example"
RECORDED = "real payloads recorded in docs/sdk-notes.md"
UNVERIFIED = "UNVERIFIED: read or produced only for robustness; no source shows it"
FRAMEWORK_NAMES = {
    # window.Framework, as Genesys loads it from the integration's framework.js
    "Framework.config": EXAMPLE + " src/framework.js",
    "Framework.initialSetup": EXAMPLE + " src/framework.js",
    "config.name": EXAMPLE + " src/framework.js",
    "config.clientIds": EXAMPLE + " src/framework.js",
    "config.settings": EXAMPLE + " src/framework.js",
    "settings.embedWebRTCByDefault": EXAMPLE + " src/framework.js",
    "settings.hideWebRTCPopUpOption": EXAMPLE + " src/framework.js",
    # what framework.js may call inside the softphone
    "PureCloud.subscribe": EXAMPLE + " src/framework.js",
    "PureCloud.Interaction.updateState": EXAMPLE + " src/framework.js",
    "subscription.Interaction": EXAMPLE + " src/framework.js (type: 'Interaction')",
    # the postMessage protocol between the iframe and the page: JSON strings of {type, data}
    "message.type": EXAMPLE + " src/framework.js, src/scripts/example.js",
    "message.data": EXAMPLE + " src/framework.js, src/scripts/example.js",
    "message.interactionSubscription": EXAMPLE + " src/framework.js, src/scripts/example.js",
    "message.updateInteractionState": EXAMPLE + " src/framework.js, src/scripts/example.js",
    "data.category": EXAMPLE + " src/framework.js",
    "data.interaction": EXAMPLE + " src/framework.js",
    "data.action": EXAMPLE + " src/scripts/example.js (payload {action, id})",
    "data.id": EXAMPLE + " src/scripts/example.js (payload {action, id})",
    "action.mute": EXAMPLE + " src/example.html (pickup, disconnect, hold, mute, securePause)",
    "interaction.old": EXAMPLE + " src/scripts/example.js (interaction.old.id)",
    "interaction.new": RECORDED + " (change carries {old, new})",
    # categories
    "category.add": RECORDED,
    "category.change": RECORDED,
    "category.connect": RECORDED,
    "category.disconnect": RECORDED,
    "category.acw": UNVERIFIED,
    "category.deallocate": UNVERIFIED,
    # interaction fields and state strings
    "field.id": EXAMPLE + " src/scripts/example.js",
    **{
        "field." + name: RECORDED
        for name in [
            "state",
            "isConnected",
            "isDisconnected",
            "isDone",
            "direction",
            "ani",
            "phone",
            "name",
            "queueName",
            "connectedTime",
            "endTime",
            "securePause",
            "recordingState",
        ]
    },
    "field.isMuted": UNVERIFIED,
    "state.ALERTING": RECORDED,
    "state.CONNECTED": RECORDED,
    "state.DISCONNECTED": RECORDED,
    "state.CONTACTING": UNVERIFIED + " (Genesys call states: CommunicationStates in the WebRTC SDK)",
    "state.DIALING": UNVERIFIED + " (Genesys call states: CommunicationStates in the WebRTC SDK)",
    "state.HELD": UNVERIFIED,
    "state.TERMINATED": UNVERIFIED + " (Genesys call states: CommunicationStates in the WebRTC SDK)",
}

FRAMEWORK_PROBE = r"""
const fs = require("fs"), vm = require("vm");
const source = fs.readFileSync(process.argv[1], "utf8");
const origin = /^const PARENT_ORIGIN = "([^"]*)";$/m.exec(source)[1];
const used = new Set(), calls = [], posted = [], listeners = [];
const recorder = (path) => new Proxy(function () {}, {
  get: (_, key) => (used.add(`${path}.${String(key)}`), recorder(`${path}.${String(key)}`)),
  apply: (_, __, args) => (calls.push([path, args]), undefined),
});
const parent = { postMessage: (text, target) => posted.push([text, target]) };
const addEventListener = (t, fn) => listeners.push([t, fn]);
const window = { PureCloud: recorder("PureCloud"), parent, addEventListener };
vm.runInNewContext(source, { window, JSON });
const framework = window.Framework;
framework.initialSetup();
const subscriptions = calls.find(([path]) => path === "PureCloud.subscribe")[1][0];
for (const { type, callback } of subscriptions) callback("connect", { id: "a", state: "CONNECTED" });
const send = (event) => listeners.filter(([t]) => t === "message").forEach(([, fn]) => fn(event));
const request = (action) => JSON.stringify({ type: "updateInteractionState", data: { action, id: "a" } });
const before = calls.length;
send({ origin, source: parent, data: request("mute") });
send({ origin: "https://evil.example", source: parent, data: request("mute") });
send({ origin, source: {}, data: request("mute") });
send({ origin, source: parent, data: request("disconnect") });
send({ origin, source: parent, data: "{not json" });
send({ origin, source: parent, data: { type: "updateInteractionState" } });
console.log(JSON.stringify({
  origin,
  framework: Object.keys(framework).map((k) => "Framework." + k),
  config: Object.keys(framework.config).map((k) => "config." + k),
  settings: Object.keys(framework.config.settings).map((k) => "settings." + k),
  used: [...used].filter((name) => ![...used].some((other) => other.startsWith(name + "."))),
  subscriptionTypes: subscriptions.map((s) => "subscription." + s.type),
  posted,
  updates: calls.slice(before).map(([path, args]) => [path, args[0]]),
  listens: listeners.map(([t]) => t),
}));
"""

SOFTPHONE_PROBE = r"""
const { FakePureCloud } = await import(process.argv[1]);
const seen = new Set();
const note = (category, payload) => {
  seen.add("category." + category);
  let interactions = [payload];
  if (category === "change") {
    for (const key of Object.keys(payload)) seen.add("interaction." + key);
    interactions = [payload.old, payload.new];
  }
  for (const interaction of interactions) {
    for (const [key, value] of Object.entries(interaction)) {
      seen.add("field." + key);
      if (key === "state") seen.add("state." + value);
    }
  }
};
const phone = new FakePureCloud({ withIsMuted: true, muteDelayMs: 0 });
phone.subscribe([{ type: "Interaction", callback: note }]);
const id = phone.ring();
phone.answer(id);
phone.toggleOwnMute(id);
phone.Interaction.updateState({ action: "mute", id });
await new Promise((resolve) => setTimeout(resolve, 20));
phone.hangUp(id);
phone.wrapUp(id);
console.log(JSON.stringify([...seen].sort()));
"""


def node(script: str, *args: str, module: bool = False):
    """Run script in Node with args; its JSON output."""
    kind = "--input-type=module" if module else "--input-type=commonjs"
    result = subprocess.run(
        ["node", kind, "-e", script, *args], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@needs_node
def test_framework_js_uses_recorded_names_and_pins_the_parent_origin_both_ways():
    probe = node(FRAMEWORK_PROBE, str(FRAMEWORK_JS))
    names = probe["framework"] + probe["config"] + probe["settings"] + probe["subscriptionTypes"]
    names += probe["used"]
    unrecorded = sorted(set(names) - set(FRAMEWORK_NAMES))
    assert not unrecorded, f"framework.js uses names no source shows: {unrecorded}"
    assert probe["listens"] == ["message"]
    # Forwarded as a JSON string to PARENT_ORIGIN only.
    (text, target), *rest = probe["posted"]
    assert not rest and target == probe["origin"] != "*"
    assert json.loads(text) == {
        "type": "interactionSubscription",
        "data": {"category": "connect", "interaction": {"id": "a", "state": "CONNECTED"}},
    }
    # Only the parent, from PARENT_ORIGIN, asking for an allowed action, is carried out.
    assert probe["updates"] == [["PureCloud.Interaction.updateState", {"action": "mute", "id": "a"}]]


@needs_node
def test_the_fake_softphone_produces_recorded_names_only():
    seen = node(SOFTPHONE_PROBE, SOFTPHONE_FAKE.as_uri(), module=True)
    unrecorded = sorted(set(seen) - set(FRAMEWORK_NAMES))
    assert not unrecorded, f"the fake softphone produces names no source shows: {unrecorded}"
    for name in ("category.add", "category.change", "category.connect", "field.isMuted", "state.CONNECTED"):
        assert name in seen


def test_the_adapter_uses_recorded_names_only():
    used = {"message." + genesys_framework.MESSAGE_TYPE, "message." + genesys_framework.REQUEST_TYPE}
    used.add("action." + genesys_framework.MUTE_ACTION)
    used |= {"category." + c for c in genesys_framework.CATEGORIES}
    used |= {"state." + s.upper() for s in genesys_framework.CALL_STATES}
    used |= {"message.type", "message.data", "data.action", "data.id"}  # the request it sends
    assert re.search(r'"data": \{"action": MUTE_ACTION, "id": iid\}', FRAMEWORK_SOURCE)
    where = {"type": "message.", "data": "message.", "category": "data.", "interaction": "data."}
    where |= {"new": "interaction.", "old": "interaction."}
    for name in re.findall(r'\.get\("(\w+)"\)', FRAMEWORK_SOURCE):
        used.add(where.get(name, "field.") + name)
    unrecorded = sorted(used - set(FRAMEWORK_NAMES))
    assert not unrecorded, f"genesys_framework.py uses names no source shows: {unrecorded}"
    unverified = sorted(n for n in used if FRAMEWORK_NAMES[n].startswith("UNVERIFIED"))
    # The module docstring and the README name the unverified ones: keep them in step.
    assert unverified == [
        "category.acw",
        "category.deallocate",
        "field.isMuted",
        "state.CONTACTING",
        "state.DIALING",
        "state.HELD",
        "state.TERMINATED",
    ]
