// Every mute:error that reaches the document, in window.muteErrors, for
// tests/browser/test_element.py (an init script, so that none is missed).
window.muteErrors = [];
document.addEventListener("mute:error", (e) => {
  window.muteErrors.push({ sdk: e.target.closest("mute-button")?.getAttribute("sdk"), ...e.detail });
});
