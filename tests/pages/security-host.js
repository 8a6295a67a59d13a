// security-host.html?frame=<url>[&frame=<url>...]: frames each URL (#frame-0, #frame-1, ...)
// and records every message this page receives, for tests/browser/test_security.py.
const params = new URLSearchParams(location.search);
window.received = [];
window.addEventListener("message", (event) => {
  window.received.push({ origin: event.origin, data: event.data });
});
params.getAll("frame").forEach((src, i) => {
  const frame = document.createElement("iframe");
  frame.id = `frame-${i}`;
  frame.title = `frame ${i}`;
  frame.src = src;
  document.getElementById("frames").append(frame);
});
