// framework.js for the Genesys Cloud Embeddable Framework, for the PyScript mute button.
//
// Host this file over HTTPS and enter its URL as the "Framework URL" of your Genesys
// Cloud Embeddable Framework integration. Genesys loads it inside the softphone iframe
// (https://apps.mypurecloud.com/crm/index.html?crm=framework-local-secure, or your
// region's host) and calls Framework.initialSetup(). It then
//   - forwards every Interaction event to your page (the iframe's parent) as the JSON
//     string {"type": "interactionSubscription", "data": {"category", "interaction"}};
//   - carries out your page's {"type": "updateInteractionState", "data": {action, id}}
//     with window.PureCloud.Interaction.updateState(data).
// Both ways go to and come from PARENT_ORIGIN only, never "*": set it to the origin of
// the page that embeds the softphone (scheme://host[:port], no path), and nothing else.
const PARENT_ORIGIN = "https://crm.example.com";

// Fill in the OAuth client id of your integration for each region you use.
const CLIENT_IDS = {
  "mypurecloud.com": "",
  "mypurecloud.ie": "",
  "mypurecloud.de": "",
  "mypurecloud.jp": "",
  "mypurecloud.com.au": "",
  "usw2.pure.cloud": "",
};

// The actions the parent page may ask for (the widget only ever sends "mute").
const ALLOWED_ACTIONS = ["mute"];

window.Framework = {
  config: {
    name: "PyScriptMuteButton",
    clientIds: CLIENT_IDS,
    settings: {
      embedWebRTCByDefault: true,
      hideWebRTCPopUpOption: false,
    },
  },

  initialSetup: function () {
    window.PureCloud.subscribe([
      {
        type: "Interaction",
        callback: function (category, interaction) {
          const message = { type: "interactionSubscription", data: { category: category, interaction: interaction } };
          window.parent.postMessage(JSON.stringify(message), PARENT_ORIGIN);
        },
      },
    ]);

    window.addEventListener("message", function (event) {
      if (event.origin !== PARENT_ORIGIN || event.source !== window.parent) return;
      if (typeof event.data !== "string") return;
      let message;
      try {
        message = JSON.parse(event.data);
      } catch {
        return; // not ours
      }
      if (!message || message.type !== "updateInteractionState") return;
      const data = message.data;
      if (!data || typeof data.id !== "string" || !ALLOWED_ACTIONS.includes(data.action)) return;
      window.PureCloud.Interaction.updateState({ action: data.action, id: data.id });
    });
  },
};
