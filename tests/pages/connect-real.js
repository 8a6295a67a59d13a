// The real amazon-connect-streams bundle (release/connect-streams.js), with no CCP: the
// widget mounts before connect.core.initCCP(); window.initCcp() then calls it with a
// ccpUrl on this loopback server (a page that never answers), and window.agentUpdate(data)
// triggers on the real event bus the agent::update a CCP would send.
import { boot } from "./demo/boot.js";

window.initCcp = () =>
  connect.core.initCCP(document.getElementById("ccp"), {
    ccpUrl: `${location.origin}/ccp-stub.html`,
    loginPopup: false,
    ccpLoadTimeout: 600000,
  });
window.agentUpdate = (data) => connect.core.getEventBus().trigger(connect.AgentEvents.UPDATE, data);
await boot("./vendor_sdk_mount.py");
