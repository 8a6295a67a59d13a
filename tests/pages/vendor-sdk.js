// Test page loader for the vendor SDK adapters: builds the fake SDK that ?sdk= names
// (demo/fakes/), exposes it as the page would expose the real one, then runs
// vendor_sdk_mount.py on the interpreter that ?interp= names.
//   ?sdk=connect        window.connect (ConnectSim.connect); ?agent=later delays the agent;
//                       ?ccp=later mounts before connect.core.initCCP() (sim.initCCP());
//                       ?midcall=1 has a connected call before the widget mounts
//   ?sdk=twilio         window.twilioDevice; ?adapter=call mounts TwilioCall on an
//                       outgoing call made before the mount (window.twilioCall)
//   ?sdk=twilio-real    the real Twilio Voice SDK on an in-page gateway (twilio-gateway.js):
//                       window.gateway, window.twilioDevice its registered Device
//   ?sdk=jssip          window.jssipUA; ?adapter=session mounts JsSipSession on an
//                       outgoing session made before the mount (window.jssipSession)
//   ?sdk=jssip-real     the real JsSIP: window.phones (demo/jssip-phones.js) on the
//                       Kamailio at ?ws=, window.jssipUA its agent
// window.sim drives the fake; window.widgetEvents lists the widget's events.
import { ConnectSim } from "./demo/fakes/amazon-connect.js";
import { JsSipSim } from "./demo/fakes/jssip.js";
import { TwilioSim } from "./demo/fakes/twilio.js";
import { boot, interp } from "./demo/boot.js";

const params = new URLSearchParams(location.search);
const sdk = params.get("sdk");

if (sdk === "connect") {
  const ccp = params.get("ccp") !== "later";
  window.sim = new ConnectSim({ confirmDelayMs: Number(params.get("delay") ?? 50), ccp });
  window.connect = window.sim.connect;
  if (ccp && params.get("agent") !== "later") window.sim.initAgent();
  if (params.get("midcall")) {
    window.sim.incoming("chat");
    window.sim.answer(window.sim.incoming());
  }
} else if (sdk === "twilio") {
  window.sim = new TwilioSim();
  window.twilioDevice = window.sim.device;
  if (params.get("adapter") === "call") window.twilioCall = await window.sim.device.connect();
} else if (sdk === "twilio-real") {
  // The real Device and Call (tests/browser/test_twilio_real.py): window.gateway.
  const { startTwilio } = await import("./twilio-gateway.js");
  window.gateway = await startTwilio();
  window.twilioDevice = window.gateway.device;
} else if (sdk === "jssip") {
  window.sim = new JsSipSim({ ackDelayMs: 30 });
  window.jssipUA = window.sim.ua;
  if (params.get("adapter") === "session") window.jssipSession = window.sim.ua.call("sip:bob@example.invalid");
} else if (sdk === "jssip-real") {
  // Real JsSIP on the Kamailio at ?ws= (tests/browser/test_jssip_real.py): window.phones.
  const { startPhones } = await import("./demo/jssip-phones.js");
  let audio = true;
  if (params.has("talk")) {
    // The talk warning's tests: the processing off where levels are measured, and watched.
    const { RAW_AUDIO, watchTalk } = await import("./talk-watch.js");
    audio = RAW_AUDIO;
    watchTalk();
  }
  window.phones = startPhones(params.get("ws"), { audio });
  await window.phones.ready;
  window.jssipUA = window.phones.agent;
} else {
  throw new Error(`unknown ?sdk=${sdk}`);
}

window.widgetEvents = [];
for (const type of ["mute:change", "mute:error", "mute:media", "mute:talking"]) {
  document.addEventListener(type, (event) => window.widgetEvents.push({ type, ...event.detail }));
}

await boot("./vendor_sdk_mount.py");
