"""Every SDK name that the AmazonConnect, Twilio and JsSIP adapters and their fakes use
exists in the real packages (installed and pinned in node_modules), checked by the
TypeScript compiler against their typings:

- amazon-connect-streams  src/index.d.ts (the global ``connect`` namespace)
- @twilio/voice-sdk       esm/twilio/call.d.ts, device.d.ts
- jssip                   lib/RTCSession.d.ts, lib/UA.d.ts

The adapters: every identifier-like string literal in an adapter module is either the
widget's own word (its states, its adapter names) or has a TypeScript check below that
uses it on the real type; a literal with neither fails, so a new SDK name cannot slip in
unchecked. The fakes (demo/fakes/): every public member of their SDK-shaped classes,
every event name they emit and every key of an object they emit as a payload, and the
values of the enums they copy, are checked on the real types.
"""

import ast
import re
from pathlib import Path

import pytest

from tests.typings import compile_errors, ts_string, tsc_available

ROOT = Path(__file__).resolve().parents[2]
ADAPTERS = ROOT / "widget" / "adapters"
FAKES = ROOT / "demo" / "fakes"
CONNECT_TYPINGS = ROOT / "node_modules" / "amazon-connect-streams" / "src" / "index.d.ts"

# The widget's own words: its call states and adapter names, never an SDK's.
OURS = {"none", "ringing", "connected", "held", "ended", "unknown"}
OURS |= {"AmazonConnect", "TwilioCall", "TwilioDevice", "JsSipSession", "JsSipUA"}
OURS |= {"object", "function"}  # JavaScript's typeof words, as bridge.kind() gives them

PRELUDE = {
    "connect": "type AllKeys<T> = T extends unknown ? keyof T : never;\nexport {};\n",
    "twilio": (
        'import { Call, Device } from "@twilio/voice-sdk";\n'
        "type AllKeys<T> = T extends unknown ? keyof T : never;\n"
    ),
    "jssip": (
        "import { RTCSession, RTCSessionEventMap, MediaStreamTypes, OnHoldResult }"
        ' from "jssip/lib/RTCSession";\n'
        'import { UA, UAEventMap, IncomingRTCSessionEvent, OutgoingRTCSessionEvent } from "jssip/lib/UA";\n'
        "type AllKeys<T> = T extends unknown ? keyof T : never;\n"
    ),
}
EXTRA_FILES = {"connect": (CONNECT_TYPINGS,), "twilio": (), "jssip": ()}


# -- TypeScript checks, one small statement per use ------------------------------------------
def member(ts_type: str, name: str) -> str:
    """``name`` is a property or method of ``ts_type``."""
    return f"type _ = {ts_type}[{ts_string(name)}];"


def literal_of(ts_type: str, value: str) -> str:
    """``value`` is one of the string values of ``ts_type`` (an enum or a string union)."""
    return f"const _: `${{{ts_type}}}` = {ts_string(value)};"


def key_of(ts_type: str, name: str) -> str:
    """``name`` is a key of ``ts_type`` (of any member of it, for a union)."""
    return f"const _: AllKeys<{ts_type}> = {ts_string(name)};"


def twilio_call_event(name: str) -> str:
    """A Call event is declared as ``Call.<name>Event`` in call.d.ts."""
    camel = re.sub(r"-(\w)", lambda m: m.group(1).upper(), name)
    return f"type _ = typeof Call.{camel}Event;"


CONNECT_CONTACT_NAMES = {"onRefresh", "onIncoming", "onPending", "onConnecting", "onAccepted", "onConnected",
                         "onMissed", "onEnded", "onACW", "onError", "onDestroy", "getState", "getType",
                         "getAgentConnection", "getActiveInitialConnection",
                         "getSingleActiveThirdPartyConnection"}  # fmt: skip


def connect_checks(name: str) -> "list[str]":
    checks = []
    if name == "connect":
        checks.append("type _ = typeof connect;")
    if name in ("agent", "contact"):
        checks.append(member("typeof connect", name))
    if name in ("mute", "unmute", "onMuteToggle", "getContacts", "onRefresh"):
        checks.append(member("connect.Agent", name))
    if name == "core":
        checks.append(member("typeof connect", name))
    if name == "getEventBus":
        checks.append(member("typeof connect.core", name))
    if name == "getContactId":
        checks.append(member("connect.Contact", name))
    if name in CONNECT_CONTACT_NAMES:
        checks.append(member("connect.Contact", name))
    if name == "isOnHold":
        checks.append(member("connect.BaseConnection", name))
    if name == "isForcedMute":
        checks.append(member("connect.VoiceConnection", name))
    if name == "muted":
        checks.append(key_of("connect.AgentMutedStatus", name))
    if name == "type":
        checks.append(key_of("connect.ContactState", name))
    if name in {"voice", "queue_callback"}:
        checks.append(literal_of("connect.ContactType", name))
    return checks


CONNECT_STATE_TYPES = {"init", "incoming", "pending", "connecting", "connected", "missed", "rejected",
                       "error", "ended", "paused"}  # fmt: skip


def connect_adapter_checks(name: str) -> "list[str]":
    checks = connect_checks(name)
    if name in CONNECT_STATE_TYPES:
        checks.append(literal_of("connect.ContactStateType", name))
    return checks


TWILIO_CALL_EVENTS = {"mute", "accept", "ringing", "reconnecting", "reconnected", "error", "cancel", "reject",
                      "disconnect"}  # fmt: skip
TWILIO_STATES = {"pending", "connecting", "ringing", "open", "reconnecting", "closed"}


#: Names the real JavaScript uses that its typings leave out: name -> (file under
#: node_modules, the text in it that shows the use). Checked against that source instead.
UNTYPED = {"transportClose": ("@twilio/voice-sdk/esm/twilio/call.js", "this.emit('transportClose')")}


def test_untyped_names_are_in_the_real_source():
    for name, (file, text) in UNTYPED.items():
        assert text in (ROOT / "node_modules" / file).read_text(), f"{name}: {text!r} not in {file}"


def twilio_adapter_checks(name: str) -> "list[str]":
    checks = []
    if name in ("on", "removeListener", "mute", "isMuted", "status", "getLocalStream"):
        checks.append(member("Call", name))
    if name in ("on", "removeListener", "calls"):
        checks.append(member("Device", name))
    if name in TWILIO_CALL_EVENTS:
        checks.append(twilio_call_event(name))
    if name in TWILIO_STATES:
        checks.append(literal_of("Call.State", name))
    if name == "incoming":
        checks += [literal_of("Device.EventName", name), "type _ = typeof Device.incomingEvent;"]
    if name == "mute":  # the event's first argument is the boolean the adapter reads
        checks.append("const _: Parameters<typeof Call.muteEvent>[0] = true;")
    return checks


JSSIP_SESSION_METHODS = {"on", "removeListener", "mute", "unmute", "isMuted", "isOnHold", "isEnded",
                         "isEstablished", "isInProgress", "C", "status", "connection"}  # fmt: skip


def jssip_adapter_checks(name: str) -> "list[str]":
    checks = []
    if name in JSSIP_SESSION_METHODS:
        checks.append(member("RTCSession", name))
    if name in ("on", "removeListener"):
        checks.append(member("UA", name))
    if name in ("progress", "accepted", "confirmed", "hold", "unhold", "ended", "failed", "muted", "unmuted"):
        checks.append(f"const _: keyof RTCSessionEventMap = {ts_string(name)};")
    if name == "newRTCSession":
        checks.append(f"const _: keyof UAEventMap = {ts_string(name)};")
    if name == "session":
        checks += [key_of("IncomingRTCSessionEvent", name), key_of("OutgoingRTCSessionEvent", name)]
        checks.append(key_of("Parameters<UAEventMap['newRTCSession']>[0]", name))
    if name in ("audio", "video"):
        checks += [
            key_of("MediaStreamTypes", name),
            key_of("Parameters<RTCSessionEventMap['muted']>[0]", name),
        ]
    if name in ("local", "remote"):
        checks.append(key_of("OnHoldResult", name))
    if name == "STATUS_CONFIRMED":
        checks.append(member("RTCSession['C']", name))
    return checks


# -- the names an adapter uses ------------------------------------------------------------------
IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def adapter_literals(module: str) -> "set[str]":
    """Every identifier-like string literal in widget/adapters/<module>.py (not docstrings)."""
    tree = ast.parse((ADAPTERS / (module + ".py")).read_text())
    docstrings = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef))
            and ast.get_docstring(node) is not None
        ):
            docstrings.add(id(node.body[0].value))
    return {
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
        and IDENTIFIER.match(node.value)
    }


# -- compiling ----------------------------------------------------------------------------------
def failing(sdk: str, checks: "list[tuple[str, str]]") -> "list[str]":
    """Compile (what, statement) pairs for sdk; the ``what`` of every statement that fails."""
    lines = [PRELUDE[sdk]]
    first = PRELUDE[sdk].count("\n") + 1
    for _what, statement in checks:
        lines.append("{ " + statement + " }\n")
    errors = compile_errors({sdk + "-names.ts": "".join(lines)}, files=EXTRA_FILES[sdk])
    bad = []
    for error in errors:
        found = re.search(r"-names\.ts\((\d+),\d+\): (error TS\d+: .*)", error)
        if found is None:
            bad.append(error)
            continue
        index = int(found.group(1)) - first
        what = checks[index][0] if 0 <= index < len(checks) else "?"
        bad.append(f"{what}: {found.group(2)}")
    return bad


@pytest.fixture(autouse=True)
def _needs_tsc():
    if not tsc_available():
        pytest.fail("node_modules/.bin/tsc is missing: run `make test` (npm ci) first")


ADAPTER_CHECKS = {
    "amazon_connect": ("connect", connect_adapter_checks),
    "twilio": ("twilio", twilio_adapter_checks),
    "jssip": ("jssip", jssip_adapter_checks),
}


@pytest.mark.parametrize("module", ADAPTER_CHECKS)
def test_every_sdk_name_an_adapter_uses_exists(module):
    sdk, checks_for = ADAPTER_CHECKS[module]
    names = adapter_literals(module)
    unchecked = sorted(n for n in names - OURS - set(UNTYPED) if not checks_for(n))
    assert not unchecked, f"{module}.py uses {unchecked}: add a typings check for each (or it is ours)"
    checks = [(f"{module}.py '{n}'", c) for n in sorted(names) for c in checks_for(n)]
    assert len(checks) >= 15
    assert not failing(sdk, checks)


# -- the names a fake uses ----------------------------------------------------------------------
# fake file -> {JS class: the real TypeScript type it stands for}; other classes (the sims,
# the event bus) are the fakes' own controls, not SDK surface.
FAKE_CLASSES = {
    "amazon-connect.js": {"Agent": "connect.Agent", "Contact": "connect.Contact",
                          "VoiceConnection": "connect.VoiceConnection"},
    "twilio.js": {"Call": "Call", "Device": "Device"},
    "jssip.js": {"RTCSession": "RTCSession", "UA": "UA"},
}  # fmt: skip
EMITTER = "emitter.js"


def _block_end(text: str, start: int) -> int:
    """The index just past the bracket that closes the one at ``start`` (strings skipped)."""
    depth, i, quote = 0, start, None
    while i < len(text):
        ch = text[i]
        if quote:
            if ch == "\\":
                i += 1
            elif ch == quote:
                quote = None
        elif ch in "\"'`":
            quote = ch
        elif ch in "{([":
            depth += 1
        elif ch in "})]":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    raise ValueError("unbalanced brackets")


def js_classes(text: str) -> "dict[str, tuple[str | None, str]]":
    """class name -> (base class or None, body text)."""
    classes = {}
    for found in re.finditer(r"^(?:export )?class (\w+)(?: extends (\w+))? \{", text, re.M):
        start = found.end() - 1
        classes[found.group(1)] = (found.group(2), text[start : _block_end(text, start)])
    return classes


def public_members(body: str) -> "set[str]":
    """Methods, getters and public fields (``this.x =``) of a class body, without _private ones."""
    names = set(re.findall(r"^  (?:static )?(?:get |set )?(\w+)\(", body, re.M))
    names |= set(re.findall(r"\bthis\.(\w+) = ", body))
    return {n for n in names if not n.startswith("_") and n != "constructor"}


def top_level_keys(literal: str) -> "set[str]":
    """The keys of a JS object literal's top level (``{a: 1, b, c: {d: 2}}`` -> a, b, c)."""
    inner = literal.strip()[1:-1]
    keys, depth, part, quote = set(), 0, "", None
    for ch in inner + ",":
        if quote:
            part += ch
            quote = None if ch == quote else quote
            continue
        if ch in "\"'`":
            quote = ch
        elif ch in "{([":
            depth += 1
        elif ch in "})]":
            depth -= 1
        if ch == "," and depth == 0:
            key = part.split(":", 1)[0].strip()
            if key:
                keys.add(key)
            part = ""
        else:
            part += ch
    return keys


def emits(text: str, owners: "dict[str, str]") -> "list[tuple[str, str, list[str]]]":
    """Every ``<receiver>.emit("name", ...)`` as (emitting class, name, keys of its first
    object literal). Inside a class body ``this`` is that class; elsewhere (the sim)
    ``owners`` maps the receiver (``call``, ``this.device``) to a class."""
    spans = {}
    for found in re.finditer(r"^(?:export )?class (\w+)(?: extends \w+)? \{", text, re.M):
        start = found.end() - 1
        spans[found.group(1)] = (start, _block_end(text, start))
    found = []
    for match in re.finditer(r"([\w.]+)\.emit\(", text):
        start = match.end() - 1
        args = text[start + 1 : _block_end(text, start) - 1]
        plain = re.match(r'\s*"([\w:-]+)"', args)
        either = re.match(r'\s*\w+ \? "([\w-]+)" : "([\w-]+)"', args)
        names = [plain.group(1)] if plain else list(either.groups()) if either else []
        receiver = match.group(1)
        if receiver == "this":
            owner = next(c for c, (a, b) in spans.items() if a < match.start() < b)
        else:
            owner = owners[receiver]
        objects = [args[m.start() : _block_end(args, m.start())] for m in re.finditer(r"(?<![\w$])\{", args)]
        keys = sorted(top_level_keys(objects[0])) if objects else []
        found += [(owner, n, keys) for n in names]
    return found


def frozen_enums(text: str) -> "dict[str, dict[str, str]]":
    """``const Name = Object.freeze({KEY: "value", ...})`` -> {Name: {KEY: value}}."""
    enums = {}
    for match in re.finditer(r"const (\w+) = Object\.freeze\(\{", text):
        start = match.end() - 1
        body = text[start : _block_end(text, start)]
        enums[match.group(1)] = dict(re.findall(r'(\w+): "?([\w-]+)"?', body))
    return enums


def fake_checks(sdk: str, file: str) -> "list[tuple[str, str]]":
    text = (FAKES / file).read_text()
    classes = js_classes(text)
    emitter = public_members(js_classes((FAKES / EMITTER).read_text())["EventEmitter"][1])
    checks = []
    for js_class, ts_type in FAKE_CLASSES[file].items():
        base, body = classes[js_class]
        names = public_members(body) | (emitter if base == "EventEmitter" else set())
        statics = set(re.findall(r"^  static (?:get )?(\w+)\(", body, re.M))
        for name in sorted(names):
            target = f"(typeof {ts_type})" if name in statics else ts_type
            checks.append((f"{file} {js_class}.{name}", member(target, name)))
    checks += globals()["_" + sdk + "_fake_checks"](text)
    return list(dict.fromkeys(checks))  # each check once, in order


def _connect_fake_checks(text: str) -> "list[tuple[str, str]]":
    checks = []
    namespace = text[text.index("this.connect = {") :]
    namespace = namespace[: _block_end(namespace, namespace.index("{"))]
    for name in sorted(set(re.findall(r"^      (\w+)[(,]", namespace, re.M))):
        checks.append((f"connect.{name}", member("typeof connect", name)))
    for enum, values in frozen_enums(text).items():
        for key, value in values.items():
            checks.append((f"{enum}.{key}", literal_of(f"connect.{enum}.{key}", value)))
    for namespace_name, event in re.findall(r'const \w+ = "(agent|contact)::(\w+)";', text):
        enum = "connect.AgentEvents" if namespace_name == "agent" else "connect.ContactEvents"
        checks.append((f"bus {namespace_name}::{event}", literal_of(enum, event)))
    contact_events = set(re.findall(r'_on\("(\w+)"', text))
    for call in re.finditer(r"\b_?contactEvent\(", text):
        start = call.end() - 1
        contact_events |= set(re.findall(r'"(\w+)"', text[start : _block_end(text, start)]))
    for event in sorted(contact_events):
        checks.append((f"contact event {event}", literal_of("connect.ContactEvents", event)))
    for key in sorted(set(re.findall(r"_emit\(MUTE_TOGGLE, \{ (\w+)", text))):
        checks.append((f"onMuteToggle payload .{key}", key_of("connect.AgentMutedStatus", key)))
    destroyed = re.search(r'contactEvent\("destroyed", id\), (\{[^}]*\})', text)
    for key in sorted(top_level_keys(destroyed.group(1))):
        checks.append((f"onDestroy payload .{key}", member("connect.Contact", key)))
    return checks


def _twilio_fake_checks(text: str) -> "list[tuple[str, str]]":
    checks = []
    for owner, name, keys in emits(text, {"call": "Call", "this.device": "Device"}):
        if name in UNTYPED:
            continue
        if owner == "Device":
            checks.append((f"Device event {name}", literal_of("Device.EventName", name)))
            continue
        checks.append((f"Call event {name}", twilio_call_event(name)))
        camel = re.sub(r"-(\w)", lambda m: m.group(1).upper(), name)
        for key in keys:
            checks.append(
                (f"Call event {name} .{key}", key_of(f"Parameters<typeof Call.{camel}Event>[0]", key))
            )
    for state in sorted(set(re.findall(r'_status(?: ===| !==| =) "(\w+)"', text))):
        checks.append((f"Call status {state}", literal_of("Call.State", state)))
    for direction in sorted(set(re.findall(r'"(INCOMING|OUTGOING)"', text))):
        checks.append((f"Call direction {direction}", literal_of("Call.CallDirection", direction)))
    return checks


def _jssip_fake_checks(text: str) -> "list[tuple[str, str]]":
    checks = []
    for owner, name, keys in emits(text, {"session": "RTCSession", "this.ua": "UA"}):
        emap = "UAEventMap" if owner == "UA" else "RTCSessionEventMap"
        checks.append((f"{emap} {name}", f"const _: keyof {emap} = {ts_string(name)};"))
        for key in keys:
            checks.append((f"{emap} {name} .{key}", key_of(f"Parameters<{emap}[{ts_string(name)}]>[0]", key)))
    for key, value in frozen_enums(text)["C"].items():
        checks.append((f"C.{key}", literal_of(f"RTCSession['C']['{key}']", value)))
    for key in ("audio", "video"):
        checks.append((f"mute options .{key}", key_of("MediaStreamTypes", key)))
    for key in sorted(set(re.findall(r"return \{ (local): this\._localHold, (remote)", text)[0])):
        checks.append((f"isOnHold() .{key}", key_of("OnHoldResult", key)))
    return checks


@pytest.mark.parametrize(("sdk", "file"), [("connect", "amazon-connect.js"), ("twilio", "twilio.js"),
                                           ("jssip", "jssip.js")])  # fmt: skip
def test_every_name_a_fake_uses_exists(sdk, file):
    checks = fake_checks(sdk, file)
    assert len(checks) >= 20, checks
    assert not failing(sdk, checks)


def test_a_name_the_package_lacks_fails():
    """The checks can fail: names from the seeds and near-misses are refused."""
    bad = [
        ("muteMic on Call", member("Call", "muteMic")),
        ("mic event", twilio_call_event("micStateChange")),
        ("state onhold", literal_of("Call.State", "held")),
    ]
    assert len(failing("twilio", bad)) == 3
    bad = [
        ("toggleMute", member("connect.Agent", "toggleMute")),
        ("hold", literal_of("connect.ContactStateType", "hold")),
    ]
    assert len(failing("connect", bad)) == 2
    bad = [
        ("mutex", "const _: keyof RTCSessionEventMap = 'mutex';"),
        ("mic", key_of("MediaStreamTypes", "mic")),
    ]
    assert len(failing("jssip", bad)) == 2


def test_the_parsers_read_what_the_fakes_emit():
    text = (FAKES / "jssip.js").read_text()
    found = {
        (owner, name): keys for owner, name, keys in emits(text, {"session": "RTCSession", "this.ua": "UA"})
    }
    assert found[("RTCSession", "muted")] == ["audio", "video"]
    assert found[("UA", "newRTCSession")] == ["originator", "request", "session"]
    assert ("RTCSession", "unhold") in found  # from `held ? "hold" : "unhold"`
    assert top_level_keys('{ a: 1, b, c: { d: "x,y" }, e: [1, 2] }') == {"a", "b", "c", "e"}
