// The demo page's JavaScript: the simulated softphone (window.demoSoftphone), its
// panel, the event log, the theme and runtime switches, and then PyScript, which
// runs demo/index_main.py to mount the widget. The widget itself is Python.
//   index.html              Pyodide (default)
//   index.html?interp=mpy   MicroPython
import { DemoSoftphone } from "./fakes/softphone.js";
import { boot, interp, runtimeName } from "./boot.js";
import { eventLog } from "./log.js";

const $ = (id) => document.getElementById(id);

const addLog = eventLog();
const show = (value) => (value === undefined ? "" : JSON.stringify(value));

// -- the simulated softphone, logging every muteMic call and its outcome ----------
class LoggedSoftphone extends DemoSoftphone {
  muteMic(muted) {
    addLog("call", `muteMic(${show(muted)}) · next request: ${this.nextMute}`);
    let result;
    try {
      result = super.muteMic(muted);
    } catch (error) {
      addLog("call", `muteMic threw: ${error.message}`);
      throw error;
    } finally {
      syncMode();
    }
    Promise.resolve(result).then(
      () => addLog("call", "muteMic resolved"),
      (error) => addLog("call", `muteMic rejected: ${error?.message ?? error}`),
    );
    return result;
  }
}

// Each connected call carries real audio to a simulated customer (demo/fakes/media-call.js).
const phone = new LoggedSoftphone({ media: { microphone: true } });
phone.log = (name, value) => addLog("sdk", `${name} ${show(value)}`);
window.demoSoftphone = phone;
// What the widget's verify_media reads: the call's RTCPeerConnection, while there is one.
window.demoCallAudio = () => phone.peerConnection();

// -- the softphone panel ------------------------------------------------------------
const CALL_TEXT = { idle: "Idle", ringing: "Incoming call", connected: "Connected", held: "On hold", disconnected: "Call ended" };
const AGENT_TEXT = { idle: "Available", ringing: "Alerting", connected: "On call", held: "On hold", disconnected: "After-call work" };
// Each key of the panel: the call states in which it is enabled, and what it does.
const KEYS = {
  ring: [["idle", "disconnected"], () => phone.ring()],
  answer: [["ringing"], () => phone.answer()],
  hold: [["connected"], () => phone.hold()],
  resume: [["held"], () => phone.resume()],
  hangup: [["ringing", "connected", "held"], () => phone.hangUp()],
  "own-mute": [["connected"], () => phone.toggleOwnMute()],
  forced: [["connected"], () => phone.setForced(!phone.forced)],
};
let callStarted = 0;

function renderPhone() {
  const state = phone.state;
  $("phone-screen").dataset.state = state;
  $("phone-screen").dataset.mic = phone.muted ? "muted" : "on";
  $("phone-state").textContent = CALL_TEXT[state] ?? state;
  $("phone-call").textContent = state;
  $("phone-mic").textContent = phone.muted ? "muted" : "on";
  $("phone-caller").textContent = state === "idle" ? "No call" : "Dana Whitfield";
  $("phone-number").textContent = state === "idle" ? "" : "+1 (555) 014-2277 · Billing queue";
  $("agent-status").textContent = AGENT_TEXT[state] ?? state;
  document.body.dataset.phone = state;
  $("interaction").textContent =
    { idle: "No interaction", ringing: "Incoming", connected: "On call", held: "On hold", disconnected: "Wrap-up" }[state] ?? state;
  for (const [id, [states]] of Object.entries(KEYS)) $(id).disabled = !states.includes(state);
  $("own-mute").setAttribute("aria-pressed", String(phone.muted));
  $("forced").setAttribute("aria-pressed", String(Boolean(phone.forced)));
}

function renderTimer() {
  const live = phone.state === "connected" || phone.state === "held";
  const seconds = live ? Math.floor((Date.now() - callStarted) / 1000) : 0;
  if (live || phone.state !== "disconnected") {
    $("phone-timer").textContent =
      `${String(Math.floor(seconds / 60)).padStart(2, "0")}:${String(seconds % 60).padStart(2, "0")}`;
  }
}

phone.on("stateChange", (state) => {
  if (state === "connected" && !callStarted) callStarted = Date.now();
  if (state === "idle" || state === "ringing") callStarted = 0;
  renderPhone();
  renderTimer();
});
phone.on("micStateChange", renderPhone);
setInterval(renderTimer, 500);

for (const [id, [, action]] of Object.entries(KEYS)) $(id).addEventListener("click", action);

// -- the failure switch for the next mute request ------------------------------------
const MODE_TEXT = {
  confirm: "normal",
  reject: "rejected with \u201cOperation Not Allowed\u201d",
  never: "never confirmed",
  slow: "confirmed after 2 s",
  lie: "confirmed, but the audio keeps flowing",
};
const modeInputs = [...document.querySelectorAll('input[name="next-mute"]')];

function syncMode() {
  for (const input of modeInputs) input.checked = input.value === phone.nextMute;
}

for (const input of modeInputs) {
  input.addEventListener("change", () => {
    if (!input.checked) return;
    phone.nextMute = input.value;
    addLog("demo", `next mute request: ${MODE_TEXT[input.value]}`);
  });
}

// -- what the widget does: its events and its attributes ------------------------------
const mount = $("mute");
mount.addEventListener("mute:change", (event) => {
  const { muted, confirmed } = event.detail ?? {};
  addLog("widget", `mute:change muted=${show(muted)} confirmed=${show(confirmed)}`);
});
mount.addEventListener("mute:error", (event) => {
  const { code, message } = event.detail ?? {};
  addLog("widget", `mute:error ${code}: ${message}`);
});
// The widget's check of the call's audio while muted: checking, silent, sending or off.
let mediaCheck = "off";
mount.addEventListener("mute:media", (event) => {
  const { state, detail } = event.detail ?? {};
  mediaCheck = state;
  addLog("widget", `mute:media ${state}${detail ? `: ${detail}` : ""}`);
  const button = mount.querySelector(".mute-button");
  if (button) $("mute-state").textContent = caption(button);
});

// The talk warning: the agent talks while muted (the notice beside the button is the widget's).
mount.addEventListener("mute:talking", (event) => {
  addLog("widget", `mute:talking ${show(event.detail?.talking)}`);
});

// A one-line caption beside the button, read from the button's attributes as any
// host page could (visual only: the widget announces changes to screen readers).
function caption(button) {
  const status = button.dataset.status;
  if (status === "pending") return "Waiting for the softphone to confirm\u2026";
  if (button.dataset.error === "media-not-muted") return "Not really muted: the caller still hears you";
  if (button.getAttribute("aria-pressed") === "true") {
    if (button.dataset.talking === "true") return "Muted, and you are talking: the caller hears nothing";
    if (button.dataset.confirmed === "false") return "Muted (assumed, not confirmed)";
    if (mediaCheck === "checking") return "Muted: checking the call's audio\u2026";
    if (mediaCheck === "silent") return "Muted and verified: the caller hears silence";
    return "Muted: the caller cannot hear you";
  }
  if (status === "unavailable") return "Available during a connected call";
  if (button.dataset.mic === "unknown") return "Microphone state unknown";
  return "Live: the caller hears you";
}

const WATCHED = ["data-status", "data-call", "data-mic", "aria-pressed", "data-error", "data-talking"];
new MutationObserver((records) => {
  const button = mount.querySelector(".mute-button");
  if (button) $("mute-state").textContent = caption(button);
  const changes = [];
  for (const record of records) {
    if (record.type !== "attributes" || !record.target.classList.contains("mute-button")) continue;
    const now = record.target.getAttribute(record.attributeName);
    if (now === record.oldValue) continue;
    changes.push(`${record.attributeName} ${record.oldValue ?? "\u2205"} \u2192 ${now ?? "\u2205"}`);
  }
  if (changes.length) addLog("widget", changes.join(", "));
}).observe(mount, { subtree: true, attributes: true, attributeOldValue: true, attributeFilter: WATCHED });

// -- page settings: theme and Python runtime ------------------------------------------
const theme = $("theme");
theme.addEventListener("change", () => {
  if (theme.value === "system") delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme.value;
});

// The widget's language: ?lang= (the page's own text stays English).
const lang = $("lang");
lang.value = new URLSearchParams(location.search).get("lang") ?? "en";
lang.addEventListener("change", () => {
  const url = new URL(location.href);
  url.searchParams.set("lang", lang.value);
  location.assign(url);
});

$(`interp-${interp}`).setAttribute("aria-current", "page");
$("runtime").textContent = `Starting ${runtimeName}…`;
document.documentElement.dataset.interp = interp;

// -- what the customer hears: the far end of the call's audio, as a meter -------------
const hearing = $("hearing");
let shownLevel = 0;

function renderHearing() {
  const media = phone.media;
  if (!media) {
    shownLevel = 0;
    hearing.dataset.heard = "none";
    $("hearing-level").value = 0;
    $("hearing-state").textContent = phone.state === "connected" || phone.state === "held" ? "Connecting audio\u2026" : "No call";
    return;
  }
  // Loudness in dB from -60 (nothing) to 0 (full scale), with a falling peak.
  const { level } = media.hearing;
  const db = level > 0 ? 20 * Math.log10(level) : -60;
  shownLevel = Math.max(Math.min(1, Math.max(0, (db + 60) / 60)), shownLevel * 0.85);
  $("hearing-level").value = shownLevel;
  const heard = media.heardSince(performance.now() - 700) ? "sound" : "silence";
  if (hearing.dataset.heard !== heard) {
    hearing.dataset.heard = heard;
    $("hearing-state").textContent = heard === "sound" ? "Sound: they hear you" : "Silence";
  }
  $("hearing-source").textContent =
    media.input === "microphone"
      ? "Your microphone, sent over a real WebRTC call in this page; nothing is played aloud."
      : "A test tone (the microphone is off or was not allowed), sent over a real WebRTC call in this page.";
}

phone.on("mediaChange", renderHearing);
setInterval(renderHearing, 100);

renderPhone();
renderTimer();
renderHearing();
addLog("demo", `page loaded; starting ${runtimeName}`);

// -- the widget, in Python --------------------------------------------------------------
await boot("./demo/index_main.py");
