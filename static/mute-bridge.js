// The widget's JavaScript shim: the few things Python cannot do the same way on
// Pyodide and MicroPython. On MicroPython a synchronous throw from a JS function
// called by Python escapes to the page instead of raising, so every call into an
// SDK goes through here and comes back as a value, a rejection or a warning.
// "Nothing" is returned as undefined; Python's bridge maps it (and null) to None,
// because Pyodide turns undefined into None and null into JsNull, MicroPython the
// other way round.

// == Values that cross to Python =========================================================
// Python's bridge (widget/bridge/values.py) reads every SDK value through these: a throw,
// a Promise where a value was due, or a value MicroPython cannot convert never crosses.

const describe = (error) => {
  try {
    if (error && typeof error === "object") {
      const message = error.message ?? error.reason ?? error.error ?? error.statusText;
      if (typeof message === "string" && message) return message.slice(0, 500);
    }
    if (typeof error === "string" && error) return error.slice(0, 500);
  } catch {
    /* an error whose fields throw: nothing to say */
  }
  return "unknown error";
};

/** A console warning, tagged: malformed SDK input that the widget ignores. */
export const warn = (...args) => console.warn("[mute-button]", ...args);

/**
 * False for an object that throws when MicroPython converts it into a Python object (a
 * Proxy whose traps throw: the conversion asks for its prototype, and for a function
 * whether it has a "_ref"). A throw in the middle of a conversion leaves MicroPython
 * unable to read its own arguments afterwards, so such a value never crosses.
 */
function convertible(value) {
  if (value === null || (typeof value !== "object" && typeof value !== "function")) return true;
  try {
    Object.getPrototypeOf(value);
    if (typeof value === "function") Reflect.has(value, "_ref");
    return true;
  } catch {
    return false;
  }
}

/**
 * value, unless it is a Promise or another thenable where an answer was due at once:
 * then undefined, with a warning, and its rejection handled here, so that it never
 * reaches the page as an unhandled rejection (a PyScript error banner on Pyodide).
 */
function present(value, what) {
  if (value === null || value === undefined) return undefined;
  if (typeof value !== "object" && typeof value !== "function") return value;
  if (!convertible(value)) {
    warn(`${what} cannot be read`);
    return undefined;
  }
  let then;
  try {
    then = value.then;
  } catch (error) {
    warn(`${what} cannot be read: ${describe(error)}`);
    return undefined;
  }
  if (typeof then !== "function") return value;
  try {
    Promise.resolve(value).catch(() => {});
  } catch {
    /* a thenable whose then() throws: Promise.resolve turned it into a handled rejection */
  }
  warn(`${what} gave a Promise where a value was due; it is ignored`);
  return undefined;
}

/** obj[name] for an object; undefined for anything else, a throwing getter or a Promise. */
export function field(obj, name) {
  if (obj === null || typeof obj !== "object") return undefined;
  let value;
  try {
    value = obj[name];
  } catch {
    return undefined;
  }
  return present(value, `the field ${String(name).slice(0, 40)}`);
}

/** typeof value, with "null" and "array" told apart. */
export function kind(value) {
  if (value === null || value === undefined) return "null";
  return Array.isArray(value) ? "array" : typeof value;
}

/** True when target[name] is a function. */
export function hasMethod(target, name) {
  try {
    return target != null && typeof target[name] === "function";
  } catch {
    return false;
  }
}

/** The value at a dotted path below root ("GenesysCloud.Client"), or undefined. */
export function resolvePath(root, path) {
  let value = root;
  for (const part of String(path).split(".")) {
    if (value === null || value === undefined || part === "__proto__") return undefined;
    try {
      value = value[part];
    } catch {
      return undefined;
    }
  }
  return convertible(value) ? (value ?? undefined) : undefined;
}

/** A plain object from key, value pairs: an SDK's options argument, built alike on both interpreters. */
export function object(...pairs) {
  const result = {};
  for (let i = 0; i < pairs.length; i += 2) result[pairs[i]] = pairs[i + 1];
  return result;
}

/**
 * Call target[method](...args) now; its value, or undefined (with a warning) when it
 * throws or answers with a Promise.
 */
export function callSync(target, method, ...args) {
  let value;
  try {
    value = target[method](...args);
  } catch (error) {
    warn(`${method}() threw: ${describe(error)}`);
    return undefined;
  }
  return present(value, `${method}()`);
}

// == Lifetimes: listeners and requests ===================================================
// widget/bridge/resources.py holds what these return, so destroy() closes every gate.

/**
 * A function that forwards to fn until its close(); what SDKs and the DOM hold. An event
 * with an argument that cannot be converted (see convertible) is dropped with a warning,
 * and nothing fn throws goes back into the SDK's emitter.
 *
 * With field names, fn gets those fields of the event's first argument, read here, instead
 * of the argument; an argument that is not an object comes alone, as the first field: an
 * SDK that sends true or {muted: true, forced: false} gives fn(true) or fn(true, false).
 * An object that crosses to Python costs a proxy, and each field read from Python a
 * crossing of its own (on MicroPython microseconds each): such an event crosses once.
 */
export function gate(fn, ...fields) {
  let open = true;
  const forward = fields.length
    ? (value) => {
        if (value === null || (typeof value !== "object" && typeof value !== "function")) return fn(value);
        return fn(...fields.map((name) => field(value, name)));
      }
    : fn;
  const gated = (...args) => {
    if (!open) return undefined;
    if (!args.every(convertible)) {
      warn("ignored an event whose arguments cannot be read");
      return undefined;
    }
    try {
      return forward(...args);
    } catch (error) {
      warn(`an event could not be read: ${describe(error)}`);
      return undefined;
    }
  };
  gated.close = () => {
    open = false;
  };
  return gated;
}

/**
 * Call target[method](...args, handler); return a function that undoes it with
 * target[remove](...args, handler), or else with what the SDK returned (a
 * subscription's unsubscribe() or an unsubscribe function). Undefined when it threw.
 */
export function subscribe(target, method, remove, handler, ...args) {
  let result;
  try {
    result = target[method](...args, handler);
  } catch (error) {
    warn(`${method}() threw: ${describe(error)}`);
    return undefined;
  }
  return () => {
    handler.close();
    try {
      if (remove) target[remove](...args, handler);
      else if (typeof result === "function") result();
      else if (result && typeof result.unsubscribe === "function") result.unsubscribe();
    } catch (error) {
      warn(`undoing ${method}() threw: ${describe(error)}`);
    }
  };
}

/** Call target[method](...args); report the outcome to onOk(value) or onError(message). */
function request(target, method, onOk, onError, ...args) {
  let outcome;
  try {
    outcome = Promise.resolve(target[method](...args));
  } catch (error) {
    outcome = Promise.reject(error);
  }
  // After the widget is destroyed its callbacks are gone; a late settle is dropped.
  const settle = (fn, value) => {
    try {
      fn(value);
    } catch {
      /* released */
    }
  };
  outcome.then(
    (value) => settle(onOk, convertible(value) ? (value ?? undefined) : undefined),
    (error) => settle(onError, describe(error)),
  );
}

/**
 * request() for a widget's one settle function: call target[method](...args) and report
 * the outcome once, as settle(key, true, value) or settle(key, false, message).
 */
export function requestFor(settle, key, target, method, ...args) {
  request(
    target,
    method,
    (value) => settle(key, true, value),
    (message) => settle(key, false, message),
    ...args,
  );
}

// == The button (widget/view.py) =========================================================

/** Set or remove (value null) attributes given as name, value pairs; one bridge crossing. */
export function setAttributes(element, ...pairs) {
  for (let i = 0; i < pairs.length; i += 2) {
    const value = pairs[i + 1];
    if (value === null || value === undefined || value === false) element.removeAttribute(pairs[i]);
    else element.setAttribute(pairs[i], value === true ? "" : String(value));
  }
}

/** Dispatch a CustomEvent whose detail is built from key, value pairs. */
export function emit(element, type, ...pairs) {
  const detail = {};
  for (let i = 0; i < pairs.length; i += 2) detail[pairs[i]] = pairs[i + 1];
  element.dispatchEvent(new CustomEvent(type, { detail, bubbles: true }));
}

/**
 * Set element's text. A text node already there keeps its place and gets the new text, an
 * empty one too (an empty text node leaves the element :empty), so the page's tree does
 * not change (and no observer of it, onRemoved's included, runs), and a mute's duration,
 * shown and cleared, costs no new node each time.
 */
function write(element, text) {
  const node = element.firstChild;
  if (node !== null && node === element.lastChild && node.nodeType === 3) node.data = text;
  else element.textContent = text;
}

/** How long a mute has lasted, as the button shows it: "0:42", "12:05", "1:02:05". */
function elapsed(seconds) {
  const s = Math.floor(seconds);
  const [h, m, r] = [Math.floor(s / 3600), Math.floor((s % 3600) / 60), s % 60];
  const ss = String(r).padStart(2, "0");
  return h ? `${h}:${String(m).padStart(2, "0")}:${ss}` : `${m}:${ss}`;
}

/**
 * The function that paints one render of a widget in one bridge crossing. The view calls
 * paint(frame) with the JSON text of a frame (widget/present.py computes it); each member
 * is optional:
 *   set      {attribute: value}: set each one, or remove it where the value is null;
 *   hint     the visually hidden hint's text; reason: the role=alert reason's text;
 *   announce the polite announcer's text;
 *   timing   true when the shown mute begins, false when it ends: the painter times it,
 *            shows how long it has lasted ("0:42", updated each second, never announced)
 *            and adds `duration` (seconds) to the mute:change that ends it;
 *   change   [muted, confirmed]: dispatch mute:change {muted, confirmed};
 *   error    [code, message]: dispatch mute:error {code, message};
 *   media    [state, detail]: dispatch mute:media {state, detail};
 *   notice   the talk warning's notice text (notice: its element, or null without one);
 *   talking  true or false: dispatch mute:talking {talking}.
 * Events go out after every write, so a listener finds the button up to date. A disabled
 * button drops the keyboard focus: when it had the focus and is enabled again, and the
 * user has not put the focus elsewhere meanwhile, it gets the focus back, so a keyboard
 * user can press it twice in a row.
 */
export function painter(button, hint, reason, announcer, lasted, notice) {
  const document = button.ownerDocument;
  let focusLost = false;
  let mutedSince = null;
  let clock = null; // one interval from the first mute on, so a mute costs no timer of its own
  const showLasted = () => {
    if (!lasted.isConnected) clearInterval(clock); // the widget is gone
    else if (mutedSince !== null) write(lasted, elapsed((performance.now() - mutedSince) / 1000));
  };
  // A widget paints the same few frames again and again (a mute, an unmute): each is parsed once.
  const parsed = new Map();
  return (text) => {
    let frame = parsed.get(text);
    if (frame === undefined) {
      frame = JSON.parse(text);
      if (parsed.size < 64) parsed.set(text, frame);
    }
    const set = frame.set;
    if (set) {
      if (set.disabled === "" && document.activeElement === button) focusLost = true;
      for (const name in set) {
        if (set[name] === null) button.removeAttribute(name);
        else button.setAttribute(name, set[name]);
      }
      if (set.disabled === null && focusLost) {
        focusLost = false;
        const active = document.activeElement;
        if (!active || active === document.body) button.focus();
      }
    }
    if (frame.hint !== undefined) write(hint, frame.hint);
    if (frame.reason !== undefined) write(reason, frame.reason);
    if (frame.announce !== undefined) write(announcer, frame.announce);
    let seconds;
    if (frame.timing === true && mutedSince === null) {
      mutedSince = performance.now();
      write(lasted, "0:00");
      clock ??= setInterval(showLasted, 250); // a quarter-second late at most
    } else if (frame.timing === false && mutedSince !== null) {
      seconds = Math.round((performance.now() - mutedSince) / 1000);
      mutedSince = null;
      write(lasted, "");
    }
    if (frame.notice !== undefined && notice) notice.textContent = frame.notice;
    if (frame.change) {
      const [muted, confirmed] = frame.change;
      if (seconds === undefined) emit(button, "mute:change", "muted", muted, "confirmed", confirmed);
      else emit(button, "mute:change", "muted", muted, "confirmed", confirmed, "duration", seconds);
    }
    if (frame.error) emit(button, "mute:error", "code", frame.error[0], "message", frame.error[1]);
    if (frame.media) emit(button, "mute:media", "state", frame.media[0], "detail", frame.media[1]);
    if (frame.talking !== undefined) emit(button, "mute:talking", "talking", frame.talking);
  };
}

// == One page, several widgets, a host that re-renders ==============================
// State every mute button on the page shares, whichever interpreter runs it and
// wherever this module was loaded from (two copies of it share it too).
const PAGE = (globalThis[Symbol.for("pyscript-mute-button")] ??= { ids: 0, shortcuts: new Map() });

/** A number no other mute button on this page has had (ids stay unique across interpreters). */
export function nextId() {
  PAGE.ids += 1;
  return PAGE.ids;
}

/** What holds the shortcut `name` on this page (its button's description), or undefined. */
export function shortcutHolder(name) {
  return PAGE.shortcuts.get(name);
}

/** Mark the shortcut `name` as used by `who`; returns the function that frees it. */
export function holdShortcut(name, who, handler) {
  PAGE.shortcuts.set(name, who);
  return () => {
    if (PAGE.shortcuts.get(name) === who) PAGE.shortcuts.delete(name);
  };
}

/** A function that puts back every attribute element has now, and removes any other. */
export function snapshotAttributes(element) {
  const saved = Array.from(element.attributes, (attribute) => [attribute.name, attribute.value]);
  return () => {
    for (const name of element.getAttributeNames()) element.removeAttribute(name);
    for (const [name, value] of saved) element.setAttribute(name, value);
  };
}

/**
 * Call handler() once element has left its document (a host page that re-rendered it away
 * without destroy()); returns the function that stops watching.
 */
export function onRemoved(element, handler) {
  const observer = new MutationObserver(() => {
    if (!element.isConnected) {
      observer.disconnect();
      handler();
    }
  });
  observer.observe(element.ownerDocument, { childList: true, subtree: true });
  return () => observer.disconnect();
}

// == Late SDKs (MuteButton's wait_for_sdk) ============================================

const settledValues = new WeakMap();

/** A Promise that resolves (to nothing) once promise does; settledValue(promise) then gives its value. */
export function settle(promise) {
  return Promise.resolve(promise).then((value) => {
    if (value !== null && (typeof value === "object" || typeof value === "function") && convertible(value)) {
      settledValues.set(promise, value);
    }
    return undefined;
  });
}

/** What promise resolved to, once settle() saw it (objects only); else undefined. */
export function settledValue(promise) {
  try {
    return settledValues.get(promise);
  } catch {
    return undefined;
  }
}

// == HTTP and WebSocket (widget/bridge/network.py, the Genesys Cloud Platform adapter) ===
// Neither logs a header, a body or a URL query: requests carry a bearer token that must
// never reach the console. JSON text is measured before it may cross to Python.

/** How deep JSON that reaches Python may nest; Genesys bodies nest about 8 levels. */
const MAX_JSON_DEPTH = 64;

/**
 * True when JSON text nests deeper than MAX_JSON_DEPTH. Python's json.loads recurses once
 * per level, and on Pyodide a few thousand levels exhaust the JavaScript stack: a fatal
 * error that stops the interpreter, which no Python `except` can catch. So text from a
 * server or a frame is measured here before it may cross.
 */
function nestsTooDeep(text) {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // a backslash escapes the next character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (++depth > MAX_JSON_DEPTH) return true;
    } else if (c === 93 || c === 125) depth--;
  }
  return false;
}

/**
 * fetch(url) with headers and body given as JSON text; resolves (never rejects) to the
 * JSON text of {status, body, retryAfter}: body is the parsed JSON answer (or its
 * text, or null), retryAfter the Retry-After header in seconds (or null). A network
 * failure or a timeout gives status 0 and the reason as body.
 */
export async function fetchJson(url, method, headersJson, bodyText, timeoutMs) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), Number(timeoutMs) || 15000);
  const report = (status, body, retryAfter = null) => JSON.stringify({ status, body, retryAfter });
  try {
    const response = await fetch(url, {
      method,
      headers: JSON.parse(headersJson || "{}"),
      body: bodyText ?? undefined,
      signal: controller.signal,
      cache: "no-store",
      credentials: "omit",
      referrerPolicy: "no-referrer",
    });
    const text = await response.text();
    let body = null;
    if (nestsTooDeep(text)) {
      warn(`ignored an answer that nests deeper than ${MAX_JSON_DEPTH} levels`);
    } else if (text) {
      try {
        body = JSON.parse(text);
      } catch {
        body = text.slice(0, 2000);
      }
    }
    const header = response.headers.get("Retry-After");
    let retryAfter = header === null ? null : Number(header);
    if (header !== null && !Number.isFinite(retryAfter)) {
      const date = Date.parse(header);
      retryAfter = Number.isNaN(date) ? null : Math.max(0, (date - Date.now()) / 1000);
    }
    return report(response.status, body, retryAfter);
  } catch (error) {
    return report(0, controller.signal.aborted ? "no answer in time" : describe(error));
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Open a WebSocket to url and report to handler(kind, data): ("open"), ("message",
 * text) and ("close", code) once. Returns the function that closes it; Resources
 * calls that on release, so destroy() closes the socket. Never throws.
 */
export function openSocket(url, handler) {
  let socket;
  let closed = false;
  const finish = (code) => {
    if (closed) return;
    closed = true;
    handler("close", code);
  };
  try {
    socket = new WebSocket(url);
  } catch (error) {
    warn(`cannot open the notification socket: ${describe(error)}`);
    setTimeout(() => finish(1006), 0);
    return () => {
      closed = true;
    };
  }
  socket.onopen = () => handler("open", "");
  socket.onmessage = (event) => {
    if (typeof event.data !== "string") return;
    if (nestsTooDeep(event.data)) warn(`ignored a notification that nests deeper than ${MAX_JSON_DEPTH} levels`);
    else handler("message", event.data);
  };
  socket.onclose = (event) => finish(event.code);
  socket.onerror = () => {}; // a close event follows, with its code
  return () => {
    closed = true;
    socket.onopen = socket.onmessage = socket.onclose = null;
    try {
      socket.close(1000);
    } catch {
      /* already closed */
    }
  };
}

/** Call fn(...args) (a page's function, e.g. a token provider); its result as a Promise. */
export function callFunction(fn, ...args) {
  return fn(...args);
}

// == A framed softphone (the Genesys Embeddable Framework adapter) =======================

const PINNED_ORIGIN = /^https?:\/\/[^/?#*\s]+$/;

/**
 * postMessage with a softphone in an <iframe> on one pinned origin. Nothing else
 * reaches the handler: only a real message event (not one a script dispatched), from
 * exactly that origin, sent by that very frame's window, carrying a string.
 */
export const frameChannel = {
  /** Call handler(text) for each such message; returns the function that stops it. */
  listen(frame, origin, handler) {
    const listener = (event) => {
      if (!event.isTrusted || event.origin !== origin) return;
      const source = frame.contentWindow;
      if (!source || event.source !== source || typeof event.data !== "string") return;
      if (nestsTooDeep(event.data)) warn(`ignored a message that nests deeper than ${MAX_JSON_DEPTH} levels`);
      else handler(event.data);
    };
    globalThis.addEventListener("message", listener);
    return () => globalThis.removeEventListener("message", listener);
  },

  /** Post text to the frame, delivered only while its document is on origin (never "*"). */
  post(frame, origin, text) {
    if (typeof origin !== "string" || !PINNED_ORIGIN.test(origin)) {
      throw new Error(`refusing to post to the origin ${String(origin)}`);
    }
    const target = frame.contentWindow;
    if (!target) throw new Error("the softphone frame is not in the page");
    target.postMessage(String(text), origin);
  },
};

// == What the call really sends (widget/bridge/audio.py, for verify_media) ===============

/**
 * What kind of media source value is: "pc" (an RTCPeerConnection), "stream" (a
 * MediaStream), "track" (an audio MediaStreamTrack), "function" (returns one of
 * those, or a Promise of one), or undefined for anything else.
 */
export function audioSourceKind(value) {
  if (typeof value === "function") return "function";
  if (value === null || typeof value !== "object") return undefined;
  try {
    if (typeof value.getSenders === "function" && typeof value.getStats === "function") return "pc";
    if (typeof value.getAudioTracks === "function") return "stream";
    if (value.kind === "audio" && typeof value.enabled === "boolean") return "track";
  } catch {
    /* a throwing getter: not a source */
  }
  return undefined;
}

/**
 * One reading of the audio a call sends, from an RTCPeerConnection, a MediaStream, an
 * audio MediaStreamTrack, or a function returning one of them (or a Promise of one).
 * Resolves to {source, t, hasTrack, enabled, muted, ended, energy, level}:
 * source: "pc" | "stream" | "track" | "none" (the function gave nothing, or the
 * connection is closed); t: performance.now() in seconds; hasTrack: an audio track is
 * attached (for a connection: to one of its senders); enabled: some attached track is
 * enabled; muted: every attached track is muted by its source; ended: every one has
 * ended; energy: the sum of the connection's audio media-source totalAudioEnergy;
 * level: their highest audioLevel (both undefined without statistics). Rejects for a
 * value that is none of these.
 */
export async function audioSendState(target) {
  let source = target;
  if (typeof source === "function") source = await source();
  const reading = { source: "none", t: performance.now() / 1000, hasTrack: false, enabled: false, muted: false, ended: false };
  if (source === null || source === undefined) return reading;
  const kind = audioSourceKind(source);
  let tracks;
  if (kind === "pc") {
    if (source.connectionState === "closed" || source.signalingState === "closed") return reading;
    tracks = source.getSenders().map((sender) => sender.track).filter((track) => track && track.kind === "audio");
  } else if (kind === "stream") {
    tracks = source.getAudioTracks();
  } else if (kind === "track") {
    tracks = [source];
  } else {
    throw new Error("verify_media needs an RTCPeerConnection, a MediaStream, an audio MediaStreamTrack or a function returning one");
  }
  const live = tracks.filter((track) => track.readyState !== "ended");
  reading.source = kind;
  reading.hasTrack = tracks.length > 0;
  reading.enabled = live.some((track) => track.enabled);
  reading.muted = live.length > 0 && live.every((track) => track.muted);
  reading.ended = tracks.length > 0 && live.length === 0;
  if (kind === "pc") {
    let energy;
    let level;
    for (const report of (await source.getStats()).values()) {
      if (report.type !== "media-source" || report.kind !== "audio") continue;
      if (typeof report.totalAudioEnergy === "number") energy = (energy ?? 0) + report.totalAudioEnergy;
      if (typeof report.audioLevel === "number") level = Math.max(level ?? 0, report.audioLevel);
    }
    reading.energy = energy;
    reading.level = level;
    reading.t = performance.now() / 1000;
  }
  return reading;
}

// == Talking while muted (widget/bridge/audio.py, widget/talk.py) =======================

/** The live audio track of a source (see audioSendState), or undefined. */
function audioTrackOf(source) {
  const kind = audioSourceKind(source);
  let tracks = [];
  if (kind === "pc") tracks = source.getSenders().map((sender) => sender.track);
  else if (kind === "stream") tracks = source.getAudioTracks();
  else if (kind === "track") tracks = [source];
  return tracks.find((track) => track && track.kind === "audio" && track.readyState !== "ended");
}

/**
 * Listen locally to the microphone of a source (an RTCPeerConnection, a MediaStream, an
 * audio MediaStreamTrack, or a function returning one or a Promise of one): every
 * intervalMs, handler(t, rms) with performance.now() in seconds and the RMS level (0..1)
 * of the latest samples. It analyses a clone of the track in an AudioContext, never
 * connected to an output and never sent: a muted track (enabled = false) gives its
 * clones silence, so the clone is enabled, and the call still sends nothing. Returns
 * the function that stops it: the clone is stopped and the context closed. Nothing to
 * listen to (no source, no live audio track, as after a replaceTrack(null) mute): no
 * readings.
 */
export function talkListen(target, intervalMs, handler) {
  let stopped = false;
  let clone = null;
  let context = null;
  let timer;
  const stop = () => {
    stopped = true;
    clearInterval(timer);
    clone?.stop();
    context?.close().catch(() => {});
  };
  (async () => {
    const source = typeof target === "function" ? await target() : target;
    const track = source == null ? undefined : audioTrackOf(source);
    if (stopped || !track) return;
    clone = track.clone();
    clone.enabled = true;
    context = new AudioContext();
    const analyser = context.createAnalyser();
    analyser.fftSize = 2048;
    context.createMediaStreamSource(new MediaStream([clone])).connect(analyser);
    // A context made without a user gesture may start suspended; the button's click is one.
    if (context.state === "suspended") context.resume().catch(() => {});
    const samples = new Float32Array(analyser.fftSize);
    timer = setInterval(() => {
      analyser.getFloatTimeDomainData(samples);
      let sum = 0;
      for (const sample of samples) sum += sample * sample;
      handler(performance.now() / 1000, Math.sqrt(sum / samples.length));
    }, Number(intervalMs) || 100);
  })().catch((error) => {
    stop();
    warn(`the talk warning cannot listen to the microphone: ${describe(error)}`);
  });
  return stop;
}
