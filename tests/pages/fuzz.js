// In-page fuzzing for tests/browser/test_reliability.py and test_security.py: a seeded
// PRNG (a failure replays from its seed), a generator of hostile JavaScript values, one
// driver per adapter that feeds that adapter's SDK fake thousands of valid, random and
// malformed events (and clicks), and the DOM invariants of the contract, checked after
// every batch.
//
//   import { Fuzz, DRIVERS, checkWidget } from "./fuzz.js";
//   const report = await runFuzz("embeddable", {seed: 42, events: 3000});
//
// A driver's `malformed` calls the SDK's registered listeners directly with what it
// generated, with no try/catch around them: a widget listener that throws fails the run.

export const CALLS = ["none", "ringing", "connected", "held", "ended", "unknown"];
export const MICS = ["muted", "unmuted", "unknown"];
export const STATUSES = ["unavailable", "ready", "pending", "error"];
export const CODES = [
  "not-connected",
  "rejected",
  "timeout",
  "unauthorized",
  "forbidden",
  "not-found",
  "bad-request",
  "rate-limited",
  "unavailable",
  "media-not-muted",
];
export const ANNOUNCEMENTS = ["", "Microphone muted", "Microphone on"];

/** A marker that must never become markup: each SDK string may carry it. */
export const HTML = '<img data-pwned="1" src="data:,"><b data-pwned="2">bold</b><script>window.pwned=1</script>';
/** A secret that SDK objects carry in token-like fields; it must never be shown, logged or stored. */
export const SECRET = "eyJhbGciOiJIUzI1NiJ9.fuzz-secret-token.c2VjcmV0";

/** mulberry32: a small seeded PRNG giving floats in [0, 1). */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STATE_WORDS = [
  "idle", "ringing", "alerting", "connecting", "dialing", "connected", "held", "hold", "disconnected",
  "ended", "CONNECTED", "ALERTING", "DISCONNECTED", "HELD", "Connected", " connected ", "open", "closed",
  "pending", "reconnecting", "voice", "queue_callback", "chat", "terminated", "contacting", "init",
  "incoming", "missed", "rejected", "error", "paused",
];
const FIELDS = [
  "muted", "state", "type", "id", "conversationId", "activeConversationId", "current", "removed",
  "mostRecentCallState", "held", "session", "audio", "video", "category", "interaction", "data",
  "isMuted", "isConnected", "isDisconnected", "new", "old", "originator", "local", "remote", "value",
  "__proto__", "constructor", "prototype", "toString", "valueOf", "then", "length", "accessToken",
];
let huge = null;

/** Random choices and hostile values from one seed. */
export class Fuzz {
  constructor(seed) {
    this.seed = seed;
    this.random = mulberry32(seed);
  }

  chance(p) {
    return this.random() < p;
  }

  int(n) {
    return Math.floor(this.random() * n);
  }

  pick(items) {
    return items[this.int(items.length)];
  }

  bool() {
    return this.chance(0.5);
  }

  /** A string: empty, a state word, HTML, a secret, a huge or a broken one, random text. */
  string() {
    switch (this.int(14)) {
      case 0:
        return "";
      case 1:
      case 2:
      case 3:
        return this.pick(STATE_WORDS);
      case 4:
        return HTML;
      case 5:
        if (this.chance(0.2)) {
          huge ??= "A".repeat(1 << 20);
          return huge;
        }
        return "x".repeat(1 + this.int(5000));
      case 6:
        return "\ud800" + this.pick(STATE_WORDS) + "\udfff"; // lone surrogates
      case 7:
        return this.pick(["__proto__", "constructor", "toString", "hasOwnProperty", "then", "null", "undefined"]);
      case 8:
        return "\u0000\u202e\ufeff" + this.pick(STATE_WORDS) + "\u{1f507}";
      default: {
        let text = "";
        const n = this.int(24);
        for (let i = 0; i < n; i++) text += String.fromCharCode(32 + this.int(95));
        return text;
      }
    }
  }

  /** Any JavaScript value, hostile ones included; depth bounds the nesting. */
  value(depth = 0) {
    const k = this.int(depth > 2 ? 12 : 20);
    switch (k) {
      case 0:
        return undefined;
      case 1:
        return null;
      case 2:
        return this.bool();
      case 3:
        return this.pick([0, -0, 1, -1, 42, 3.5, NaN, Infinity, -Infinity, 2 ** 53 + 1, Number.MAX_VALUE]);
      case 4:
        return this.pick(["true", "false", "1", "0", "yes"]);
      case 5:
      case 6:
      case 7:
        return this.string();
      case 8:
        return this.pick([() => true, function () { throw new Error(HTML); }, async () => true]);
      case 9:
        return this.special();
      case 10:
        return this.bool() ? { muted: this.bool() } : { muted: this.value(depth + 1) };
      case 11:
        return Symbol(this.pick(STATE_WORDS));
      case 12:
      case 13:
      case 14:
        return this.object(depth + 1);
      case 15:
      case 16:
        return this.array(depth + 1);
      case 17:
        return this.throwing();
      case 18:
        return this.protoObject(depth + 1);
      default:
        return BigInt(this.int(1000));
    }
  }

  /** Built-in objects no SDK sends, but a hostile page may. */
  special() {
    return this.pick([
      () => new Date(),
      () => new Map([["muted", true]]),
      () => new Set([true]),
      () => new Uint8Array(4),
      () => Object.create(null),
      () => Object.freeze({ muted: true, state: "connected" }),
      () => document.body,
      () => window,
      () => new Error(HTML),
      () => Promise.resolve(true),
      () => new Promise(() => {}),
      () => ({ then: (ok) => ok(true) }),
      () => this.thenable(),
      () => (this.cloning ? {} : this.rejectingFields()),
      () => /connected/,
    ])();
  }

  /** A plain object with random keys from the adapters' vocabulary. */
  object(depth = 0) {
    const obj = {};
    const n = this.int(6);
    for (let i = 0; i < n; i++) {
      const key = this.chance(0.9) ? this.pick(FIELDS) : this.string().slice(0, 40);
      if (key === "__proto__") continue; // an own __proto__ key: see protoObject()
      if (key === "then") Object.defineProperties(obj, Object.getOwnPropertyDescriptors(this.thenable()));
      else obj[key] = this.value(depth + 1);
    }
    return obj;
  }

  array(depth = 0) {
    if (this.chance(0.02)) return new Array(2000).fill(0).map(() => this.pick(STATE_WORDS));
    const n = this.int(5);
    const items = [];
    for (let i = 0; i < n; i++) items.push(this.value(depth + 1));
    if (this.chance(0.1)) items.length = 7; // sparse
    return items;
  }

  /** An object whose own `__proto__` key (from JSON) claims fields it does not have. */
  protoObject(depth = 0) {
    const claims = JSON.stringify({ muted: true, state: "connected", conversationId: "c", isMuted: true });
    const obj = JSON.parse(`{"__proto__": ${claims}, "constructor": {"prototype": ${claims}}}`);
    if (this.bool()) obj.value = this.value(depth + 1);
    return obj;
  }

  /** A thenable that resolves, rejects, throws from then(), or throws on reading then. */
  thenable() {
    const fail = () => {
      throw new Error("hostile thenable " + HTML);
    };
    return this.pick([
      () => ({ then: (ok) => ok(this.value(3)) }),
      () => ({ then: (ok, no) => no(new Error("rejected " + HTML)) }),
      () => ({ then: fail }),
      () => Object.defineProperty({}, "then", { get: fail, enumerable: true, configurable: true }),
    ])();
  }

  /**
   * An object whose every field is a new rejected Promise each time it is read: an SDK
   * field or getter that answers with a Promise that nobody but the reader can handle.
   * Not "then" and the other names that a runtime reads itself to convert an object
   * (Pyodide reads then to know a thenable): see thenable() for those.
   */
  rejectingFields() {
    const reject = () => Promise.reject(new Error("rejected field " + HTML));
    const obj = {};
    const runtimes = new Set(["__proto__", "constructor", "prototype", "toString", "valueOf", "then", "length"]);
    for (const key of FIELDS) if (!runtimes.has(key)) Object.defineProperty(obj, key, { get: reject, enumerable: true });
    return obj;
  }

  /** An object whose every property read throws, or a Proxy whose every trap throws. */
  throwing() {
    if (this.bool()) {
      const fail = () => {
        throw new Error("hostile getter " + HTML);
      };
      const obj = {};
      for (const key of FIELDS) if (key !== "__proto__") Object.defineProperty(obj, key, { get: fail, enumerable: true });
      return obj;
    }
    const trap = () => {
      throw new Error("hostile proxy");
    };
    return new Proxy({}, { get: trap, has: trap, ownKeys: trap, getOwnPropertyDescriptor: trap, getPrototypeOf: trap });
  }

  /** 0 to 3 arguments for a listener. */
  args() {
    const n = this.int(4);
    const args = [];
    for (let i = 0; i < n; i++) args.push(this.value());
    return args;
  }

  /** A function that returns junk, throws, or returns a well-formed value. */
  liar(good) {
    const mode = this.int(4);
    const value = this.value();
    if (mode === 0) return () => value;
    if (mode === 1)
      return () => {
        throw new Error("the SDK threw " + HTML);
      };
    if (mode === 2) return () => Promise.reject(new Error("the SDK rejected " + HTML));
    return good;
  }
}

/** Call each listener in a Set/array with args, as an SDK emitter would. */
function deliver(listeners, args) {
  for (const fn of [...(listeners ?? [])]) fn(...args);
}

/** An EventEmitter-like object whose listeners the fuzzer reaches. */
class HostileEmitter {
  constructor(fuzz, methods) {
    this._listeners = new Map();
    for (const [name, good] of Object.entries(methods)) this[name] = fuzz.liar(good);
    this.accessToken = SECRET;
  }

  on(type, fn) {
    if (!this._listeners.has(type)) this._listeners.set(type, []);
    this._listeners.get(type).push(fn);
    return this;
  }

  removeListener(type, fn) {
    const list = this._listeners.get(type) ?? [];
    const i = list.indexOf(fn);
    if (i >= 0) list.splice(i, 1);
    return this;
  }

  emit(type, ...args) {
    deliver(this._listeners.get(type), args);
  }

  count() {
    let n = 0;
    for (const list of this._listeners.values()) n += list.length;
    return n;
  }
}

// -- one driver per adapter: valid SDK actions, malformed events, listener counts -------

const hostiles = []; // every HostileEmitter made, for the listener count after destroy

function hostile(fuzz, methods) {
  const obj = new HostileEmitter(fuzz, methods);
  hostiles.push(obj);
  return obj;
}

export function hostileListeners() {
  return hostiles.reduce((n, h) => n + h.count(), 0);
}

/** A mute made elsewhere (a headset): not subject to the mode set for the widget's next request. */
function elsewhere(sim, action) {
  const mode = sim.nextMute;
  sim.nextMute = "confirm";
  action();
  sim.nextMute = mode;
}

function some(items, fuzz) {
  return items.length ? fuzz.pick(items) : undefined;
}

export const DRIVERS = {
  embeddable: {
    valid(f) {
      const s = window.softphone;
      f.pick([
        () => s.ring(),
        () => s.answer(),
        () => s.answer(),
        () => s.hold(),
        () => s.resume(),
        () => s.hangUp(),
        () => s.setState("idle"),
        () => s.toggleOwnMute(),
        () => s.emit("stateChange", f.pick(STATE_WORDS)),
        () => s.emit("micStateChange", f.bool() ? f.bool() : { muted: f.bool() }),
        () => {
          s.nextMute = f.pick(["confirm", "confirm", "reject", "never", "throw"]);
        },
      ])();
    },
    malformed(f) {
      const s = window.softphone;
      if (f.chance(0.08)) {
        // The client's own methods start lying (or stop): what resync and requests read.
        for (const name of ["getState", "isMicMuted", "muteMic"]) {
          if (f.chance(0.5)) delete s[name];
          else s[name] = f.liar(Object.getPrototypeOf(s)[name].bind(s));
        }
        return;
      }
      deliver(s.listeners.get(f.pick(["stateChange", "micStateChange"])), f.args());
    },
    listeners: () => window.softphone.listenerCount(),
  },

  webrtc: {
    valid(f) {
      const sdk = window.genesysSdk;
      const ids = [...sdk.conversations.keys()];
      const id = some(ids, f);
      f.pick([
        () => sdk.incoming(),
        () => id && sdk.answer(id),
        () => id && sdk.answer(id),
        () => id && sdk.hold(id, f.bool()),
        () => id && sdk.setMuted(id, f.bool()),
        () => id && sdk.terminate(id),
        () => id && sdk.answeredElsewhere(id),
        () => id && sdk.hangUp(id),
        () => {
          // "throw": defensive, not produced by the SDK (its setAudioMute is async).
          sdk.nextMute = f.pick(["confirm", "confirm", "reject", "never", "throw"]);
        },
      ])();
    },
    malformed(f) {
      const sdk = window.genesysSdk;
      if (f.chance(0.5)) {
        deliver(sdk.listeners.get(f.pick(["conversationUpdate", "sessionEnded"])), f.args());
        return;
      }
      // Well-formed but for one field, or with every field junk.
      const ids = [...sdk.conversations.keys(), "c-" + f.int(3)];
      const entry = () => ({
        conversationId: f.chance(0.8) ? f.pick(ids) : f.value(),
        mostRecentCallState: f.chance(0.8)
          ? { state: f.chance(0.7) ? f.pick(STATE_WORDS) : f.value(), muted: f.chance(0.7) ? f.bool() : f.value(), held: f.value() }
          : f.value(),
        accessToken: SECRET,
      });
      const update = {
        activeConversationId: f.chance(0.8) ? f.pick(ids) : f.value(),
        current: f.chance(0.8) ? [entry(), entry()].slice(0, 1 + f.int(2)) : f.value(),
        removed: f.chance(0.8) ? [entry()].slice(0, f.int(2)) : f.value(),
        added: [],
      };
      deliver(sdk.listeners.get("conversationUpdate"), [update]);
    },
    listeners: () => window.genesysSdk.listenerCount(),
  },

  connect: {
    valid(f) {
      const sim = window.connectSim;
      f.pick([
        () => sim.incoming(f.pick(["voice", "voice", "queue_callback", "chat"])),
        () => sim.answer(),
        () => sim.answer(),
        () => sim.hold(),
        () => sim.resume(),
        () => sim.hangUp(),
        () => sim.clear(),
        () => sim.muteFromCcp(f.bool()),
        () => sim.syncTabs(),
        () => sim.deliver(),
        () => {
          sim.nextMute = f.pick(["confirm", "confirm", "never", "throw", "later"]);
        },
      ])();
    },
    malformed(f) {
      const bus = window.connectSim._bus;
      const contact = () =>
        hostile(f, {
          getState: () => ({ type: f.pick(STATE_WORDS) }),
          getType: () => f.pick(["voice", "voice", "chat"]),
          getAgentConnection: () => ({ isOnHold: () => f.bool() }),
          getActiveInitialConnection: () => null,
          getSingleActiveThirdPartyConnection: () => null,
          getContactId: () => "hostile",
        });
      const subscribable = (obj) => {
        // Streams' onX(fn) style: each returns {unsubscribe}.
        for (const name of ["onRefresh", "onIncoming", "onPending", "onConnecting", "onAccepted", "onConnected",
          "onMissed", "onEnded", "onACW", "onError", "onDestroy", "onMuteToggle"]) {
          obj[name] = (fn) => {
            obj.on(name, fn);
            return { unsubscribe: () => obj.removeListener(name, fn) };
          };
        }
        return obj;
      };
      switch (f.int(5)) {
        case 0:
          bus.trigger("agent::mute_toggle", f.value());
          break;
        case 1:
          bus.trigger("contact::init", f.bool() ? f.value() : subscribable(contact()));
          break;
        case 2: {
          // A hostile contact the adapter may be following: its events, its lying getters.
          const followed = hostiles.filter((h) => h.onRefresh);
          const h = some(followed, f);
          if (h) h.emit(f.pick(["onRefresh", "onConnected", "onEnded", "onDestroy", "onMuteToggle"]), ...f.args());
          break;
        }
        case 3:
          bus.trigger("agent::init", f.bool() ? f.value() : subscribable(hostile(f, { mute() {}, unmute() {}, getContacts: () => [] })));
          break;
        default:
          for (const id of window.connectSim._contacts.keys()) bus.trigger(`contact::refresh::${id}`, f.value());
      }
    },
    listeners: () => window.connectSim.listenerCount() + hostileListeners(),
  },

  twilio: {
    valid(f) {
      const sim = window.twilioSim;
      const call = some([...sim._made], f);
      f.pick([
        () => sim.incoming(),
        () => call?.accept(),
        () => call?.accept(),
        () => call?.reject(),
        () => call && sim.remoteHangUp(call),
        () => call && sim.cancel(call),
        () => call && sim.dropMedia(call),
        () => call && sim.restoreMedia(call),
        () => elsewhere(sim, () => call?.mute(f.bool())),
        () => {
          sim.nextMute = f.pick(["confirm", "confirm", "lost", "throw"]);
        },
      ])();
    },
    malformed(f) {
      const sim = window.twilioSim;
      const fakeCall = () =>
        hostile(f, {
          mute() {},
          isMuted: () => f.bool(),
          status: () => f.pick(["pending", "open", "closed", "ringing", "reconnecting"]),
        });
      if (f.chance(0.3)) {
        sim.device.emit("incoming", f.bool() ? f.value() : fakeCall());
        return;
      }
      const target = f.chance(0.5) ? some([...sim._made], f) : some(hostiles, f);
      const event = f.pick(["mute", "accept", "ringing", "reconnecting", "reconnected", "error", "cancel", "reject", "disconnect"]);
      target?.emit(event, ...f.args());
    },
    listeners: () => window.twilioSim.listenerCount() + hostileListeners(),
  },

  jssip: {
    valid(f) {
      const sim = window.jssipSim;
      const s = some([...sim._made], f);
      f.pick([
        () => sim.incoming(),
        () => sim.ua.call("sip:bob@example.invalid"),
        () => s?.answer(),
        () => s?.answer(),
        () => s && sim.ringOut(s),
        () => s && sim.remoteAnswer(s),
        () => s && sim.confirm(s),
        () => s?.hold(),
        () => s?.unhold(),
        () => s && sim.remoteHold(s, f.bool()),
        () => s && sim.bye(s),
        () => s && sim.fail(s),
        () => s?.terminate(),
        () => elsewhere(sim, () => (f.bool() ? s?.mute({ audio: true }) : s?.unmute({ audio: true }))),
        () => {
          sim.nextMute = f.pick(["confirm", "confirm", "throw"]);
        },
      ])();
    },
    malformed(f) {
      const sim = window.jssipSim;
      const fakeSession = () =>
        hostile(f, {
          mute() {},
          unmute() {},
          isMuted: () => ({ audio: f.bool() }),
          isOnHold: () => ({ local: f.bool(), remote: false }),
          isEnded: () => false,
          isEstablished: () => true,
          isInProgress: () => false,
        });
      if (f.chance(0.3)) {
        const session = f.bool() ? f.value() : fakeSession();
        sim.ua.emit("newRTCSession", f.bool() ? { session, originator: "remote" } : session);
        return;
      }
      const target = f.chance(0.5) ? some([...sim._made], f) : some(hostiles, f);
      const event = f.pick(["muted", "unmuted", "progress", "accepted", "confirmed", "hold", "unhold", "ended", "failed"]);
      target?.emit(event, ...f.args());
    },
    listeners: () => window.jssipSim.listenerCount() + hostileListeners(),
  },
};

// -- the framework softphone's messages (run inside its cross-origin iframe) ------------

/** One message the softphone frame may post: well-formed, malformed, or not a string at all. */
export function frameMessage(f, ids) {
  const interaction = () => {
    const obj = {
      id: f.chance(0.85) ? f.pick(ids) : f.value(),
      state: f.chance(0.7) ? f.pick(["ALERTING", "CONNECTED", "DISCONNECTED", "HELD", "connected"]) : f.value(),
      isConnected: f.chance(0.7) ? f.bool() : f.value(),
      isDisconnected: f.chance(0.8) ? false : f.value(),
      accessToken: SECRET,
    };
    if (f.chance(0.4)) obj.isMuted = f.chance(0.8) ? f.bool() : f.value();
    if (f.chance(0.1)) obj.name = HTML;
    return obj;
  };
  const json = (value) => {
    try {
      // A Promise read from a getter here is the fuzzer's own read: it handles it.
      return JSON.stringify(value, (k, v) => {
        if (v instanceof Promise) return v.catch(() => {}) && "promise";
        return typeof v === "bigint" || typeof v === "symbol" ? String(v) : v;
      });
    } catch {
      return "{";
    }
  };
  switch (f.int(10)) {
    case 0:
      if (f.chance(0.1)) return "[".repeat(f.pick([100, 10000, 100000])) + "]"; // nested deeper than parsers go
      return f.string(); // not JSON, or JSON of a string
    case 1:
      // Not a string: structured-cloned, or refused by postMessage. Cloning reads every
      // getter, so no field that makes a Promise only the reader could handle.
      f.cloning = true;
      try {
        return f.value();
      } finally {
        f.cloning = false;
      }
    case 2:
      return json(f.value());
    case 3:
      return `{"__proto__": {"type": "interactionSubscription"}, "type": "interactionSubscription", "data": {"__proto__": {"category": "connect"}, "interaction": {"id": "${f.pick(ids)}", "state": "CONNECTED"}}}`;
    case 4:
      return json({ type: f.pick(["userActionSubscription", "notificationSubscription", "updateInteractionState"]), data: f.value() });
    case 5:
      return json({ type: "interactionSubscription", data: f.value() });
    default: {
      const category = f.chance(0.85) ? f.pick(["add", "change", "connect", "disconnect", "acw", "deallocate"]) : f.string().slice(0, 200);
      const data =
        category === "change" && f.chance(0.8)
          ? { old: interaction(), new: f.chance(0.9) ? interaction() : f.value() }
          : interaction();
      return json({ type: "interactionSubscription", data: { category, interaction: data } });
    }
  }
}

// -- the invariants ----------------------------------------------------------------------

/** Every contract rule the DOM of one mounted widget must satisfy now; a list of violations. */
export function checkWidget(container, { confirms = true } = {}) {
  const problems = [];
  const fail = (text) => problems.push(text);
  const buttons = container.matches?.("button") ? [container] : container.querySelectorAll("button");
  if (buttons.length !== 1) return [`expected one button, found ${buttons.length}`];
  const b = buttons[0];
  const a = (name) => b.getAttribute(name);
  const call = a("data-call");
  const mic = a("data-mic");
  const status = a("data-status");
  const error = a("data-error");
  if (b.type !== "button") fail(`type=${b.type}`);
  if (!CALLS.includes(call)) fail(`data-call=${call}`);
  if (!MICS.includes(mic)) fail(`data-mic=${mic}`);
  if (!STATUSES.includes(status)) fail(`data-status=${status}`);
  if (!["true", "false"].includes(a("data-confirmed"))) fail(`data-confirmed=${a("data-confirmed")}`);
  if (error !== null && !CODES.includes(error)) fail(`data-error=${error}`);
  const name = a("aria-label") ?? b.textContent;
  if (!name.includes("Mute")) fail(`accessible name without Mute: ${name}`);
  if (call !== "connected" && !b.disabled) fail(`enabled while the call is ${call}`);
  if (status === "pending" && !b.disabled) fail("enabled while pending");
  if ((status === "pending") !== (a("aria-busy") === "true")) fail(`aria-busy=${a("aria-busy")} with status ${status}`);
  if (a("aria-busy") !== null && a("aria-busy") !== "true") fail(`aria-busy=${a("aria-busy")}`);
  if (!b.disabled && status !== "ready" && status !== "error") fail(`enabled with status ${status}`);
  if (!["true", "false"].includes(a("aria-pressed"))) fail(`aria-pressed=${a("aria-pressed")}`);
  if ((a("aria-pressed") === "true") !== (mic === "muted")) fail(`aria-pressed=${a("aria-pressed")} with data-mic=${mic}`);
  if (confirms && a("aria-pressed") === "true" && a("data-confirmed") !== "true")
    fail("pressed but not confirmed, on an SDK that confirms");
  if (status === "error" && error === null) fail("status error without data-error");
  if (error !== null && status !== "error" && status !== "pending") fail(`data-error=${error} with status ${status}`);
  const alert = document.getElementById(a("aria-describedby") ?? "");
  if (!alert || alert.getAttribute("role") !== "alert") fail(`aria-describedby=${a("aria-describedby")} is not a role=alert`);
  else {
    if (alert.childElementCount !== 0) fail("the alert holds elements: " + alert.innerHTML.slice(0, 200));
    if ((alert.textContent !== "") !== (error !== null)) fail(`alert text ${JSON.stringify(alert.textContent.slice(0, 80))} with data-error=${error}`);
  }
  const status_ = alert?.nextElementSibling;
  if (!status_ || status_.getAttribute("role") !== "status") fail("no role=status announcer after the alert");
  else if (!ANNOUNCEMENTS.includes(status_.textContent) || status_.childElementCount !== 0)
    fail(`announcer says ${JSON.stringify(status_.textContent.slice(0, 80))}`);
  if (b.querySelector("[data-pwned], script, img") || container.querySelector("[data-pwned]")) fail("markup from an SDK string");
  return problems;
}

/** Violations that concern the whole page: error banners, injected markup, the secret shown or stored. */
export function checkPage() {
  const problems = [];
  if (document.querySelector(".py-error")) problems.push("PyScript error banner: " + document.querySelector(".py-error").textContent.slice(0, 300));
  if (document.querySelector("[data-pwned]") || window.pwned) problems.push("markup from an SDK string in the page");
  if (document.documentElement.outerHTML.includes(SECRET)) problems.push("the secret is in the DOM");
  for (const store of [localStorage, sessionStorage]) {
    for (let i = 0; i < store.length; i++) {
      const key = store.key(i);
      if ((key + store.getItem(key)).includes(SECRET)) problems.push("the secret is in storage");
    }
  }
  if (document.cookie.includes(SECRET)) problems.push("the secret is in a cookie");
  return problems;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Feed one adapter `events` events (valid ones, malformed ones and clicks) from `seed`,
 * checking the invariants after each batch. Resolves to {seed, events, checks, clicks,
 * violations: [{batch, problems, recent}]}; stops at the first violation.
 */
export async function runFuzz(name, { seed, events = 3000, batch = 100, malformed = 0.6, clicks = 0.05 } = {}) {
  const driver = DRIVERS[name];
  const container = document.getElementById(`w-${name}`);
  const f = new Fuzz(seed);
  const report = { adapter: name, seed, events: 0, malformed: 0, clicks: 0, checks: 0, violations: [] };
  const recent = [];
  for (let start = 0; start < events; start += batch) {
    for (let i = start; i < Math.min(events, start + batch); i++) {
      const r = f.random();
      const button = container.querySelector("button");
      if (r < clicks) {
        recent.push(`${i}: click`);
        report.clicks++;
        button?.click();
      } else if (r < clicks + malformed) {
        recent.push(`${i}: malformed`);
        report.malformed++;
        driver.malformed(f);
      } else {
        recent.push(`${i}: valid`);
        driver.valid(f);
      }
      report.events++;
      if (recent.length > 20) recent.shift();
    }
    await sleep(f.chance(0.1) ? 20 : 0); // let promises, confirmations and timers run
    report.checks++;
    const problems = checkWidget(container).concat(checkPage());
    if (problems.length) {
      report.violations.push({ batch: start / batch, problems, recent: [...recent] });
      break;
    }
  }
  return report;
}

// -- inside the framework softphone's frame ------------------------------------------------

/**
 * Run in the simulated Genesys softphone frame (window.softphone is its FakePureCloud):
 * `events` valid softphone actions and malformed posts to the parent, with a
 * "fuzz-checkpoint:<k>" after each batch. Resolves to the counts.
 */
export async function runFrameFuzz({ seed, events = 3000, batch = 100, malformed = 0.6 } = {}) {
  const f = new Fuzz(seed);
  const phone = window.softphone;
  const report = { seed, events: 0, malformed: 0, refused: 0, checkpoints: 0 };
  for (let start = 0; start < events; start += batch) {
    for (let i = start; i < Math.min(events, start + batch); i++) {
      const ids = [...phone.interactions.keys()];
      const id = some(ids, f);
      report.events++;
      if (f.random() < malformed) {
        report.malformed++;
        try {
          window.parent.postMessage(frameMessage(f, ids.length ? ids : ["interaction-x"]), "*");
        } catch {
          report.refused++; // not cloneable (a function, a Symbol, a Proxy): postMessage throws here
        }
        continue;
      }
      f.pick([
        () => phone.ring(),
        () => id && phone.answer(id),
        () => id && phone.answer(id),
        () => id && phone.hangUp(id),
        () => id && phone.wrapUp(id),
        () => id && phone.toggleOwnMute(id),
        () => id && phone.change(id, { isMuted: f.bool() }),
        () => id && phone.change(id, { state: f.pick(["HELD", "CONNECTED", "ALERTING"]) }),
        () => {
          phone.nextMute = f.pick(["apply", "apply", "ignore"]);
        },
      ])();
    }
    window.parent.postMessage(`fuzz-checkpoint:${report.checkpoints++}`, "*");
    await sleep(0);
  }
  return report;
}
