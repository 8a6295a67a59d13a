// The vendor SDK demo pages (amazon-connect.html, twilio.html, jssip.html): builds the
// fake SDK that <body data-sdk> names (static/fakes/), exposes it on window as the real
// SDK would be (connect, twilioDevice, jssipUA), wires the page's controls to it, logs
// what happens, then runs static/sdk_demo_main.py, which mounts the widget in Python.
//   <page>.html             Pyodide (default)
//   <page>.html?interp=mpy  MicroPython
import { ConnectSim } from "./fakes/amazon-connect.js";
import { JsSipSim } from "./fakes/jssip.js";
import { TwilioSim } from "./fakes/twilio.js";
import { boot, interp, DEMO_CONFIGS } from "./boot.js";

const $ = (id) => document.getElementById(id);
const sdk = document.body.dataset.sdk;

// -- the event log: text only, newest first --------------------------------------------
function log(source, text) {
  const row = document.createElement("li");
  row.textContent = `${new Date().toLocaleTimeString()}  ${source}  ${text}`;
  $("log").prepend(row);
  while ($("log").children.length > 100) $("log").lastElementChild.remove();
}
// JSON of an event's data, with SDK objects (a Contact, a Call) shown by class name.
const plain = (v) => !v || typeof v !== "object" || Array.isArray(v) || v.constructor === Object;
const show = (value) => JSON.stringify(value, (key, v) => (plain(v) ? v : `[${v.constructor.name}]`)) ?? "";

// -- one small table per SDK: how to build it, what each control does, what to show ----
function amazonConnect() {
  const sim = new ConnectSim({ confirmDelayMs: 400 });
  window.connect = sim.connect;
  sim.log = (name, data) => log("Streams", `${name} ${show(data)}`);
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
    state() {
      const contact = latest();
      if (!contact) return "No contact";
      const customer = contact.connections.find((c) => c.initial);
      return `Contact ${contact.id}: ${contact.state}; customer connection: ${customer.state}; CCP microphone: ${sim.muted ? "muted" : "on"}`;
    },
  };
}

function twilio() {
  const sim = new TwilioSim();
  window.twilioDevice = sim.device;
  let call = null;
  const watch = (c) => {
    call = c;
    for (const name of ["accept", "ringing", "mute", "reconnecting", "reconnected", "cancel", "reject", "disconnect"]) {
      c.on(name, (...args) => {
        log("Call", `${name} ${show(args.filter((a) => a !== c))}`);
        render();
      });
    }
  };
  sim.device.on("incoming", (c) => {
    log("Device", "incoming");
    watch(c);
  });
  sim.log = (name, args) => log("call", `${name}(${args.map(show).join(", ")})`);
  return {
    sim,
    actions: {
      incoming: () => sim.incoming(),
      answer: () => call?.accept(),
      "drop-media": () => call && sim.dropMedia(call),
      "restore-media": () => call && sim.restoreMedia(call),
      hangup: () => call?.disconnect(),
      "caller-hangs-up": () => call && sim.remoteHangUp(call),
      "own-mute": () => call?.status() === "open" && call.mute(!call.isMuted()),
    },
    state: () => (call ? `Call ${call.parameters.CallSid.slice(0, 8)}…: status ${call.status()}; muted ${call.isMuted()}` : "No call"),
  };
}

function jssip() {
  const sim = new JsSipSim({ ackDelayMs: 300 });
  window.jssipUA = sim.ua;
  let session = null;
  sim.ua.on("newRTCSession", (event) => {
    session = event.session;
    log("UA", `newRTCSession originator=${event.originator}`);
    for (const name of ["progress", "accepted", "confirmed", "hold", "unhold", "muted", "unmuted", "ended", "failed"]) {
      session.on(name, (data) => {
        log("RTCSession", `${name} ${show(data)}`);
        render();
      });
    }
  });
  sim.log = (name, args) => log("call", `${name}(${args.map(show).join(", ")})`);
  return {
    sim,
    actions: {
      incoming: () => sim.incoming(),
      answer: () => session?.answer(),
      hold: () => session?.hold(),
      unhold: () => session?.unhold(),
      "remote-hold": () => session && sim.remoteHold(session, !session.isOnHold().remote),
      hangup: () => session?.terminate(),
      "caller-hangs-up": () => session && (session.isEstablished() ? sim.bye(session) : sim.fail(session, "Canceled")),
      "own-mute": () => {
        if (!session?.isEstablished()) return;
        if (session.isMuted().audio) session.unmute({ audio: true });
        else session.mute({ audio: true });
      },
    },
    state() {
      if (!session) return "No session";
      const hold = session.isOnHold();
      const phase = session.isEnded() ? "ended" : session.isEstablished() ? "established" : "in progress";
      return `Session ${session.id}: ${phase} (status ${session.status}); hold local ${hold.local}, remote ${hold.remote}; audio muted ${session.isMuted().audio}`;
    },
  };
}

const demo = { "amazon-connect": amazonConnect, twilio, jssip }[sdk]();

function render() {
  $("sdk-state").textContent = demo.state();
}

for (const button of document.querySelectorAll("[data-action]")) {
  button.addEventListener("click", () => {
    demo.actions[button.dataset.action]?.();
    render();
  });
}
for (const input of document.querySelectorAll('input[name="next-mute"]')) {
  input.addEventListener("change", () => {
    if (input.checked) demo.sim.nextMute = input.value;
  });
}
// The fakes go back to "confirm" after one request: so does the radio group.
setInterval(() => {
  for (const input of document.querySelectorAll('input[name="next-mute"]')) input.checked = input.value === demo.sim.nextMute;
  render();
}, 250);

const mount = $("mute");
mount.addEventListener("mute:change", (event) => log("widget", `mute:change ${show(event.detail)}`));
mount.addEventListener("mute:error", (event) => log("widget", `mute:error ${event.detail.code}: ${event.detail.message}`));

$(`interp-${interp}`).setAttribute("aria-current", "page");
$("runtime").textContent = `Starting ${interp === "mpy" ? "MicroPython" : "Pyodide"}…`;
render();

await boot("./sdk_demo_main.py", DEMO_CONFIGS);
