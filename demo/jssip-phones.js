// Two real JsSIP user agents (demo/vendor/jssip.js, the npm package bundled by
// scripts/vendor.sh) registered with the Kamailio at `url` (tests/servers/kamailio.py):
// the agent, whose UA the widget follows, and a simulated customer who calls the agent
// and answers the agent's calls. Both send the microphone over real WebRTC (in the tests,
// Chromium's fake one).
// Used by the JsSIP demo (demo/sdk.js) and the real JsSIP tests (tests/pages/vendor-sdk.js).
import JsSIP from "./vendor/jssip.js";

const DOMAIN = "127.0.0.1";
/** What every call and answer asks for: audio only, no STUN/TURN (all on this machine). */
export const CALL_OPTIONS = Object.freeze({
  mediaConstraints: { audio: true, video: false },
  pcConfig: { iceServers: [] },
});

/** One registered UA for `user`; JsSIP reconnects every 1 to 2 s when the server goes away. */
function userAgent(url, user) {
  return new JsSIP.UA({
    sockets: [new JsSIP.WebSocketInterface(url)],
    uri: `sip:${user}@${DOMAIN}`,
    display_name: user,
    register: true,
    session_timers: false,
    connection_recovery_min_interval: 1,
    connection_recovery_max_interval: 2,
  });
}

const registered = (ua) =>
  new Promise((resolve, reject) => {
    ua.once("registered", resolve);
    ua.once("registrationFailed", (event) => reject(new Error(`REGISTER failed: ${event.cause}`)));
  });

/**
 * Start both UAs; `phones.ready` resolves once both are registered (window.jssipUA can
 * be handed to the widget before that: the UA is there, its calls come later).
 * `tag` makes the users unique (agent-<tag>, customer-<tag>), so a page does not reach a
 * registration a closed page left behind. `onSession(who, session, originator)` hears
 * every new session of either UA. `audio`: getUserMedia's audio constraints for every call
 * and answer (the talk tests turn the processing off).
 */
export function startPhones(url, { tag = Math.random().toString(36).slice(2, 8), onSession, audio = true } = {}) {
  const options = audio === true ? CALL_OPTIONS : { ...CALL_OPTIONS, mediaConstraints: { audio, video: false } };
  const agent = userAgent(url, `agent-${tag}`);
  const customer = userAgent(url, `customer-${tag}`);
  const phones = {
    JsSIP,
    agent,
    customer,
    agentUri: `sip:agent-${tag}@${DOMAIN}`,
    customerUri: `sip:customer-${tag}@${DOMAIN}`,
    agentSessions: [],
    customerSessions: [],
    /** The customer calls the agent: the agent's UA announces an incoming session. */
    callAgent: () => customer.call(phones.agentUri, options),
    /** The agent calls the customer (an outgoing session of the agent's UA). */
    callCustomer: () => agent.call(phones.customerUri, options),
    answer: (session) => session.answer(options),
    /** The newest session of `who` ("agent" or "customer") that is not over. */
    live: (who) => [...phones[`${who}Sessions`]].reverse().find((s) => !s.isEnded()) ?? null,
  };
  for (const [who, ua] of [["agent", agent], ["customer", customer]]) {
    ua.on("newRTCSession", ({ session, originator }) => {
      phones[`${who}Sessions`].push(session);
      onSession?.(who, session, originator);
    });
  }
  phones.ready = Promise.all([registered(agent), registered(customer)]);
  agent.start();
  customer.start();
  return phones;
}

