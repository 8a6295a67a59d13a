// The SDK demo page (sdk.html?sdk=…): fills the page from the <template> of that SDK,
// builds its simulated SDK (./fakes/) and exposes it on window as the real one would be,
// wires the softphone panel and the event log, then runs sdk_main.py, which mounts the
// widget in Python.
//   sdk.html?sdk=genesys-framework[&muted-field=1]   Genesys's softphone iframe, running the
//                                                   shipped static/genesys/framework.js
//   sdk.html?sdk=genesys-webrtc                      window.genesysSdk
//   sdk.html?sdk=amazon-connect                      window.connect
//   sdk.html?sdk=twilio                              window.twilioDevice
//   sdk.html?sdk=jssip[&sip=ws://127.0.0.1:8002]      window.jssipUA: the real JsSIP on Kamailio
// and &interp=mpy for MicroPython instead of Pyodide.
import { ConnectSim } from "./fakes/amazon-connect.js";
import { FakeGenesysCloudWebrtcSdk } from "./fakes/genesys-webrtc.js";
import { startPhones } from "./jssip-phones.js";
import { TwilioSim } from "./fakes/twilio.js";
import { boot, interp, runtimeName, DEMO_CONFIGS } from "./boot.js";
import { eventLog } from "./log.js";

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
const sdk = params.get("sdk");

const addLog = eventLog();
// JSON of an event's data, with SDK objects (a Contact, a Call) shown by class name.
const plain = (v) => !v || typeof v !== "object" || Array.isArray(v) || v.constructor === Object;
const show = (value) => JSON.stringify(value, (key, v) => (plain(v) ? v : `[${v.constructor.name}]`)) ?? "";
// What a fake reports of each SDK method the widget calls.
const logCalls = (sim) => {
  sim.log = (name, args) => addLog("call", `${name}(${args.map(show).join(", ")})`);
};

// -- one function per SDK: build it, and say what each [data-action] key does ----------------
// Each returns {sim, actions: {name: fn}, enabled?: {name: () => bool}, render(): void}.

// Embeddable Framework: the softphone iframe on this page's origin, with its own keys.
function genesysFramework() {
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
  const here = new URLSearchParams({ sdk, interp, ...(confirmed ? {} : { "muted-field": "1" }) });
  $("mode-help").textContent = confirmed
    ? "This softphone's events carry isMuted, so the button shows the confirmed state and waits for it after a click. Mute in the softphone itself: the button follows."
    : "Genesys's recorded events carry no mute state, so the button shows the state it assumes, dashed and flagged data-confirmed=\"false\". Mute in the softphone itself: the button cannot see it.";
  const link = document.createElement("a");
  link.href = `./sdk.html?${here}`;
  link.textContent = confirmed ? "Show a softphone without isMuted (as recorded)" : "Show a softphone whose events carry isMuted";
  $("mode-switch").replaceChildren(link);
  return { sim: null, actions: {}, render() {} };
}

// WebRTC SDK: a fake GenesysCloudWebrtcSdk and its panel.
function genesysWebRtc() {
  const sim = new FakeGenesysCloudWebrtcSdk({ muteDelayMs: 400 });
  window.genesysSdk = sim;
  sim.log = (name, value) => {
    if (name === "conversationUpdate") {
      const list = value.current.map((c) => `${c.conversationId}: ${c.mostRecentCallState?.state}${c.mostRecentCallState?.held ? " held" : ""}${c.mostRecentCallState?.muted ? " muted" : ""}`);
      addLog("sdk", `conversationUpdate active=${value.activeConversationId || "–"} [${list.join(", ")}]`);
    } else {
      addLog("sdk", `${name} ${value?.conversationId ?? ""}`);
    }
    queueMicrotask(render);
  };
  const setAudioMute = sim.setAudioMute.bind(sim);
  sim.setAudioMute = (options) => {
    addLog("call", `setAudioMute(${JSON.stringify(options)}) · ${sim.nextMute}`);
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

  // The conversation the phone shows: the active one, else the latest (one ringing has
  // no conversationUpdate, so it is not active yet).
  const active = () => sim.conversations.get(sim.latest());
  const state = (c) => c?.mostRecentCallState?.state;
  function switchCall() {
    const other = [...sim.conversations.keys()].find((id) => id !== sim.activeConversationId);
    sim.hold(sim.activeConversationId, true);
    // The SDK computes the active conversation (the connected one not held).
    if (state(sim.conversations.get(other)) === "alerting") sim.answer(other);
    else sim.hold(other, false);
  }
  function renderPhone() {
    const current = active();
    const shown = !current ? "idle" : current.mostRecentCallState.held ? "held" : state(current);
    $("phone-screen").dataset.state = { alerting: "ringing", disconnected: "idle" }[shown] ?? shown;
    $("phone-state").textContent = current ? `Active: ${current.conversationId}` : "No conversation";
    const rows = [...sim.conversations.values()].map((c) => {
      const dt = document.createElement("dt");
      dt.textContent = c.conversationId;
      const dd = document.createElement("dd");
      const s = c.mostRecentCallState;
      dd.textContent = `${s.state}${s.held ? ", held" : ""}, ${s.muted ? "muted" : "mic on"}`;
      const row = document.createElement("div");
      row.append(dt, dd);
      return row;
    });
    $("conversations").replaceChildren(...rows);
    document.querySelector('[data-action="own-mute"]').setAttribute("aria-pressed", String(Boolean(current?.mostRecentCallState?.muted)));
  }
  return {
    sim,
    actions: {
      ring: () => sim.incoming(),
      answer: () => sim.answer(),
      second: () => sim.incoming(),
      switch: switchCall,
      hangup: () => sim.hangUp(),
      "own-mute": () => sim.setMuted(sim.latest(), !active().mostRecentCallState.muted),
    },
    enabled: {
      ring: () => sim.conversations.size === 0,
      answer: () => state(active()) === "alerting",
      second: () => sim.conversations.size === 1 && state(active()) === "connected",
      switch: () => sim.conversations.size === 2,
      hangup: () => active() !== undefined,
      "own-mute": () => state(active()) === "connected",
    },
    render: renderPhone,
  };
}

function amazonConnect() {
  const sim = new ConnectSim({ confirmDelayMs: 400 });
  window.connect = sim.connect;
  sim.log = (name, data) => addLog("sdk", `Streams ${name} ${show(data)}`);
  sim.initAgent();
  const latest = () => sim._contacts.get(sim._latest());
  return {
    sim,
    actions: {
      incoming: () => sim.incoming(),
      answer: () => sim.answer(),
      hold: () => sim.hold(),
      resume: () => sim.resume(),
      hangup: () => sim.hangUp(),
      clear: () => sim.clear(),
      "own-mute": () => sim.muteFromCcp(!sim.muted),
    },
    render() {
      const contact = latest();
      const customer = contact?.connections.find((c) => c.initial);
      $("sdk-state").textContent = contact
        ? `Contact ${contact.id}: ${contact.state}; customer connection: ${customer.state}; CCP microphone: ${sim.muted ? "muted" : "on"}`
        : "No contact";
    },
  };
}

function twilio() {
  const sim = new TwilioSim();
  window.twilioDevice = sim.device;
  let call = null;
  sim.device.on("incoming", (c) => {
    addLog("sdk", "Device incoming");
    call = c;
    for (const name of ["accept", "ringing", "mute", "reconnecting", "reconnected", "transportClose", "cancel", "reject", "disconnect"]) {
      c.on(name, (...args) => {
        addLog("sdk", `Call ${name} ${show(args.filter((a) => a !== c))}`);
        render();
      });
    }
  });
  logCalls(sim);
  return {
    sim,
    actions: {
      incoming: () => sim.incoming(),
      answer: () => call?.accept(),
      "drop-media": () => call && sim.dropMedia(call),
      "restore-media": () => call && sim.restoreMedia(call),
      "drop-signalling": () => sim.dropSignalling(),
      "restore-signalling": () => sim.restoreSignalling(),
      hangup: () => call?.disconnect(),
      "caller-hangs-up": () => call && sim.remoteHangUp(call),
      "own-mute": () => call?.status() === "open" && call.mute(!call.isMuted()),
    },
    render() {
      $("sdk-state").textContent = call ? `Call ${call.parameters.CallSid.slice(0, 8)}…: status ${call.status()}; muted ${call.isMuted()}` : "No call";
    },
  };
}

// JsSIP: the real package (demo/vendor/jssip.js) on the Kamailio `make demo` starts
// (?sip=ws://127.0.0.1:8002 by default): the agent's UA is window.jssipUA, the customer's
// UA is driven by the panel's buttons.
function jssip() {
  const url = params.get("sip") ?? "ws://127.0.0.1:8002";
  let status = `Registering with Kamailio at ${url}… (make demo starts it)`;
  const phones = startPhones(url, {
    onSession(who, session, originator) {
      addLog("sdk", `${who} UA newRTCSession originator=${originator}`);
      for (const name of ["progress", "accepted", "confirmed", "hold", "unhold", "muted", "unmuted", "ended", "failed"]) {
        session.on(name, (data) => {
          addLog("sdk", `${who} RTCSession ${name} ${data?.originator ?? ""} ${data?.cause ?? ""}`);
          render();
        });
      }
      render();
    },
  });
  window.jssipUA = phones.agent;
  phones.ready.then(
    () => {
      status = "Agent and customer registered";
      render();
    },
    (error) => {
      status = error.message;
      render();
    },
  );
  for (const ua of [phones.agent, phones.customer]) {
    ua.on("disconnected", () => {
      status = `Kamailio at ${url} is not reachable; JsSIP retries`;
      render();
    });
    ua.on("registered", () => {
      status = "Agent and customer registered";
      render();
    });
  }
  const live = (who) => phones[`${who}Sessions`].filter((s) => !s.isEnded()).reverse();
  const ringing = (who) => live(who).find((s) => s.isInProgress() && s.direction === "incoming");
  const active = () => live("agent").find((s) => s.isEstablished() && !s.isOnHold().local);
  const held = () => live("agent").find((s) => s.isEstablished() && s.isOnHold().local);
  const customer = () => live("customer").find((s) => s.isEstablished()) ?? live("customer")[0];
  const registered = () => phones.agent.isRegistered() && phones.customer.isRegistered();
  const phase = (s) => (s.isEnded() ? "ended" : s.isEstablished() ? "established" : "in progress");
  return {
    sim: null,
    actions: {
      incoming: () => phones.callAgent(),
      "call-customer": () => phones.callCustomer(),
      answer: () => phones.answer(ringing("agent")),
      "customer-answer": () => phones.answer(ringing("customer")),
      hold: () => active()?.hold(),
      unhold: () => held()?.unhold(),
      "remote-hold": () => {
        const s = customer();
        if (s?.isOnHold().local) s.unhold();
        else s?.hold();
      },
      hangup: () => (active() ?? held() ?? live("agent")[0])?.terminate(),
      "caller-hangs-up": () => customer()?.terminate(),
      "own-mute": () => {
        const s = active();
        if (s?.isMuted().audio) s.unmute({ audio: true });
        else s?.mute({ audio: true });
      },
    },
    enabled: {
      incoming: registered,
      "call-customer": registered,
      answer: () => ringing("agent") !== undefined,
      "customer-answer": () => ringing("customer") !== undefined,
      hold: () => active() !== undefined,
      unhold: () => held() !== undefined,
      "remote-hold": () => customer()?.isEstablished() ?? false,
      hangup: () => live("agent").length > 0,
      "caller-hangs-up": () => customer() !== undefined,
      "own-mute": () => active() !== undefined,
    },
    render() {
      const rows = phones.agentSessions.slice(-3).map((s) => {
        const hold = s.isOnHold();
        return `${s.direction} ${phase(s)} (status ${s.status}); hold local ${hold.local}, remote ${hold.remote}; audio muted ${s.isMuted().audio}`;
      });
      $("sdk-state").textContent = [status, ...rows].join(" · ");
    },
  };
}

const SDKS = {
  "genesys-framework": genesysFramework,
  "genesys-webrtc": genesysWebRtc,
  "amazon-connect": amazonConnect,
  twilio,
  jssip,
};

// -- the page of that SDK, from its <template> ---------------------------------------------
let demo = null;
// The fakes go back to "confirm" after one request: so does the radio group.
function syncMode() {
  for (const input of document.querySelectorAll('input[name="next-mute"]')) input.checked = input.value === demo.sim.nextMute;
}
function render() {
  demo.render();
  for (const button of document.querySelectorAll("[data-action]")) button.disabled = !(demo.enabled?.[button.dataset.action]?.() ?? true);
}

function caption(button) {
  if (button.dataset.status === "pending") return "Waiting for the softphone to confirm…";
  if (button.getAttribute("aria-pressed") === "true") {
    return button.dataset.confirmed === "false" ? "Muted (assumed, not confirmed)" : "Muted: the caller cannot hear you";
  }
  if (button.dataset.status === "unavailable") return "Available during a connected call";
  return button.dataset.confirmed === "false" ? "Live (assumed, not confirmed)" : "Live: the caller hears you";
}

// No ?sdk= (or an unknown one): a list of the SDKs, and no widget.
function chooser() {
  $("title").textContent = "Choose a simulated SDK";
  const list = document.createElement("ul");
  for (const name of Object.keys(SDKS)) {
    const item = document.createElement("li");
    const link = document.createElement("a");
    link.href = `./sdk.html?sdk=${name}`;
    link.textContent = document.getElementById(`sdk-${name}`).dataset.title;
    item.append(link);
    list.append(item);
  }
  $("help").replaceChildren(list);
  $("mute-loading").hidden = true;
  $("runtime").textContent = "No SDK chosen";
}

async function start(template) {
  document.body.dataset.sdk = sdk;
  $("title").textContent = template.dataset.title;
  document.title = `${template.dataset.title} · PyScript mute button demo`;
  $("adapter").textContent = template.dataset.adapter;
  for (const part of template.content.querySelectorAll("[data-slot]")) $(part.dataset.slot).replaceChildren(...part.childNodes);

  demo = SDKS[sdk]();
  for (const button of document.querySelectorAll("[data-action]")) {
    button.addEventListener("click", () => {
      demo.actions[button.dataset.action]?.();
      render();
    });
  }
  const modeInputs = document.querySelectorAll('input[name="next-mute"]');
  for (const input of modeInputs) {
    input.addEventListener("change", () => {
      if (input.checked) demo.sim.nextMute = input.value;
    });
  }
  if (modeInputs.length) {
    setInterval(() => {
      syncMode();
      render();
    }, 250);
  }

  // What the widget does.
  const mount = $("mute");
  mount.addEventListener("mute:change", (event) => {
    const { muted, confirmed } = event.detail ?? {};
    addLog("widget", `mute:change muted=${muted} confirmed=${confirmed}`);
  });
  mount.addEventListener("mute:error", (event) => addLog("widget", `mute:error ${event.detail?.code}: ${event.detail?.message}`));
  new MutationObserver(() => {
    const button = mount.querySelector(".mute-button");
    if (button) $("mute-state").textContent = caption(button);
  }).observe(mount, { subtree: true, attributes: true });

  // The runtime, then the widget in Python.
  $("runtime").textContent = `Starting ${runtimeName}…`;
  addLog("demo", `page loaded; starting ${runtimeName}`);
  render();
  await boot("./sdk_main.py", DEMO_CONFIGS);
}

// The runtime switch keeps the other parameters (?sdk=, &muted-field=).
$(`interp-${interp}`).setAttribute("aria-current", "page");
for (const id of ["interp-py", "interp-mpy"]) {
  const link = $(id);
  const url = new URL(link.href);
  for (const [key, value] of params) if (key !== "interp") url.searchParams.set(key, value);
  link.href = url.pathname.split("/").pop() + url.search;
}
const template = sdk in SDKS ? document.getElementById(`sdk-${sdk}`) : null;
if (template) await start(template);
else chooser();
