// The Genesys demo pages' JavaScript: the simulated softphone (an iframe running the
// shipped framework.js, or a fake GenesysCloudWebrtcSdk), the event log, the runtime
// switch, and then PyScript, which runs static/genesys_demo_main.py to mount the widget.
//   genesys-framework.html[?interp=mpy][&muted-field=1]
//   genesys-webrtc.html[?interp=mpy]
import { FakeGenesysCloudWebrtcSdk } from "./fakes/genesys-webrtc.js";
import { boot, interp, DEMO_CONFIGS } from "./boot.js";

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
const kind = document.body.dataset.sdk;
const LOG_LIMIT = 200;

// -- the event log: text only, newest first ---------------------------------------------
function addLog(tag, text) {
  const now = new Date();
  const row = document.createElement("li");
  row.className = `log__row log__row--${tag}`;
  const time = document.createElement("time");
  time.dateTime = now.toISOString();
  time.textContent = now.toTimeString().slice(0, 8) + "." + String(now.getMilliseconds()).padStart(3, "0");
  const label = document.createElement("span");
  label.className = `tag tag--${tag}`;
  label.textContent = { sdk: "SDK", call: "call", widget: "widget", demo: "demo" }[tag] ?? tag;
  const message = document.createElement("span");
  message.className = "log__text";
  message.textContent = text;
  row.append(time, label, message);
  $("log").prepend(row);
  while ($("log").children.length > LOG_LIMIT) $("log").lastElementChild.remove();
}
$("log-clear").addEventListener("click", () => $("log").replaceChildren());

// -- Embeddable Framework: the softphone iframe on this page's origin -----------------
function startFramework() {
  const confirmed = params.get("muted-field") === "1";
  const frame = $("softphone");
  const query = new URLSearchParams({ parent: location.origin });
  if (confirmed) query.set("muted-field", "1");
  frame.src = `./fakes/genesys-softphone.html?${query}`;
  // What the softphone tells the page, as the widget hears it (the same filter: this frame only).
  window.addEventListener("message", (event) => {
    if (event.source !== frame.contentWindow || typeof event.data !== "string") return;
    try {
      const { type, data } = JSON.parse(event.data);
      const interaction = data?.category === "change" ? data.interaction?.new : data?.interaction;
      const muted = interaction && "isMuted" in interaction ? ` isMuted=${interaction.isMuted}` : "";
      addLog("sdk", `${type} ${data?.category ?? ""} ${interaction?.state ?? ""}${muted}`);
    } catch {
      addLog("sdk", "a message that is not JSON");
    }
  });
  const here = `./genesys-framework.html?${new URLSearchParams({ interp, ...(confirmed ? {} : { "muted-field": "1" }) })}`;
  $("mode-help").textContent = confirmed
    ? "This softphone's events carry isMuted, so the button shows the confirmed state and waits for it after a click. Mute in the softphone itself: the button follows."
    : "Genesys's recorded events carry no mute state, so the button shows the state it assumes, dashed and flagged data-confirmed=\"false\". Mute in the softphone itself: the button cannot see it.";
  const link = document.createElement("a");
  link.href = here;
  link.textContent = confirmed ? "Show a softphone without isMuted (as recorded)" : "Show a softphone whose events carry isMuted";
  $("mode-switch").replaceChildren(link);
}

// -- WebRTC SDK: a fake GenesysCloudWebrtcSdk and its panel -----------------------------
function startWebRtc() {
  const sdk = new FakeGenesysCloudWebrtcSdk({ muteDelayMs: 400 });
  window.genesysSdk = sdk;
  sdk.log = (name, value) => {
    if (name === "conversationUpdate") {
      const list = value.current.map((c) => `${c.conversationId}: ${c.mostRecentCallState?.state}${c.mostRecentCallState?.held ? " held" : ""}${c.mostRecentCallState?.muted ? " muted" : ""}`);
      addLog("sdk", `conversationUpdate active=${value.activeConversationId || "–"} [${list.join(", ")}]`);
    } else {
      addLog("sdk", `${name} ${value?.conversationId ?? ""}`);
    }
    queueMicrotask(render);
  };
  const setAudioMute = sdk.setAudioMute.bind(sdk);
  sdk.setAudioMute = (options) => {
    addLog("call", `setAudioMute(${JSON.stringify(options)}) · ${sdk.nextMute}`);
    let result;
    try {
      result = setAudioMute(options);
    } finally {
      syncMode();
    }
    result.then(
      () => addLog("call", "setAudioMute resolved"),
      (error) => addLog("call", `setAudioMute rejected: ${error.message}`),
    );
    return result;
  };

  const active = () => sdk.conversations.get(sdk.activeConversationId);
  const state = (c) => c?.mostRecentCallState?.state;
  const KEYS = {
    ring: [() => sdk.conversations.size === 0, () => sdk.incoming()],
    answer: [() => state(active()) === "alerting", () => sdk.answer()],
    second: [() => sdk.conversations.size === 1 && state(active()) === "connected", () => sdk.incoming()],
    switch: [() => sdk.conversations.size === 2, () => switchCall()],
    hangup: [() => active() !== undefined, () => sdk.hangUp()],
    "own-mute": [() => state(active()) === "connected", () => sdk.setMuted(sdk.activeConversationId, !active().mostRecentCallState.muted)],
  };
  function switchCall() {
    const other = [...sdk.conversations.keys()].find((id) => id !== sdk.activeConversationId);
    sdk.hold(sdk.activeConversationId, true);
    if (state(sdk.conversations.get(other)) === "alerting") sdk.answer(other);
    else {
      sdk.hold(other, false);
      sdk.activate(other);
    }
  }
  function render() {
    const current = active();
    const shown = !current ? "idle" : current.mostRecentCallState.held ? "held" : state(current);
    $("phone-screen").dataset.state = { alerting: "ringing", disconnected: "idle" }[shown] ?? shown;
    $("phone-state").textContent = current ? `Active: ${current.conversationId}` : "No conversation";
    const rows = [...sdk.conversations.values()].flatMap((c) => {
      const dt = document.createElement("dt");
      dt.textContent = c.conversationId;
      const dd = document.createElement("dd");
      const s = c.mostRecentCallState;
      dd.textContent = `${s.state}${s.held ? ", held" : ""}, ${s.muted ? "muted" : "mic on"}`;
      const row = document.createElement("div");
      row.append(dt, dd);
      return [row];
    });
    $("conversations").replaceChildren(...rows);
    for (const [id, [enabled]] of Object.entries(KEYS)) $(id).disabled = !enabled();
    $("own-mute").setAttribute("aria-pressed", String(Boolean(current?.mostRecentCallState?.muted)));
  }
  for (const [id, [, action]] of Object.entries(KEYS)) $(id).addEventListener("click", () => (action(), render()));
  const modeInputs = [...document.querySelectorAll('input[name="next-mute"]')];
  function syncMode() {
    for (const input of modeInputs) input.checked = input.value === sdk.nextMute;
  }
  for (const input of modeInputs) {
    input.addEventListener("change", () => {
      if (input.checked) sdk.nextMute = input.value;
    });
  }
  render();
}

if (kind === "framework") startFramework();
else startWebRtc();

// -- what the widget does ---------------------------------------------------------------
const mount = $("mute");
mount.addEventListener("mute:change", (event) => {
  const { muted, confirmed } = event.detail ?? {};
  addLog("widget", `mute:change muted=${muted} confirmed=${confirmed}`);
});
mount.addEventListener("mute:error", (event) => addLog("widget", `mute:error ${event.detail?.code}: ${event.detail?.message}`));

function caption(button) {
  if (button.dataset.status === "pending") return "Waiting for the softphone to confirm…";
  if (button.getAttribute("aria-pressed") === "true") {
    return button.dataset.confirmed === "false" ? "Muted (assumed, not confirmed)" : "Muted: the caller cannot hear you";
  }
  if (button.dataset.status === "unavailable") return "Available during a connected call";
  return button.dataset.confirmed === "false" ? "Live (assumed, not confirmed)" : "Live: the caller hears you";
}
new MutationObserver(() => {
  const button = mount.querySelector(".mute-button");
  if (button) $("mute-state").textContent = caption(button);
}).observe(mount, { subtree: true, attributes: true });

// -- the runtime, then the widget in Python -----------------------------------------------
const runtimeName = interp === "mpy" ? "MicroPython" : "Pyodide";
$(`interp-${interp}`).setAttribute("aria-current", "page");
for (const id of ["interp-py", "interp-mpy"]) {
  const link = $(id);
  const url = new URL(link.href);
  for (const [key, value] of params) if (key !== "interp") url.searchParams.set(key, value);
  link.href = url.pathname.split("/").pop() + url.search;
}
$("runtime").textContent = `Starting ${runtimeName}…`;
addLog("demo", `page loaded; starting ${runtimeName}`);

await boot("./genesys_demo_main.py", DEMO_CONFIGS);
