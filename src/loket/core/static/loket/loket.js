// Loket's small page behaviour that every page shares (no inline scripts: the CSP forbids them).
(function () {
  "use strict";

  // Buttons that print the page: <button data-print>.
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-print]") : null;
    if (button) {
      event.preventDefault();
      window.print();
    }
  });

  // A medewerker is logged out after a period without requests; warn two minutes before.
  var meta = document.querySelector('meta[name="loket-inactief"]');
  if (!meta) return;
  var limit = parseInt(meta.content, 10);
  if (!limit || limit < 180) return;
  var warnAfter = (limit - 120) * 1000;
  var timer = null;
  var banner = null;

  function hide() {
    if (banner) {
      banner.remove();
      banner = null;
    }
  }

  function show() {
    if (banner) return;
    banner = document.createElement("div");
    banner.className = "loket-inactief utrecht-alert utrecht-alert--warning";
    banner.setAttribute("role", "alertdialog");
    banner.setAttribute("aria-live", "assertive");
    var text = document.createElement("p");
    text.className = "utrecht-paragraph";
    text.textContent =
      "U wordt over 2 minuten uitgelogd omdat u een tijd niets in Loket heeft gedaan. " +
      "Wat u nog niet heeft opgeslagen, gaat dan verloren.";
    var stay = document.createElement("button");
    stay.type = "button";
    stay.className = "utrecht-button utrecht-button--primary-action";
    stay.textContent = "Ingelogd blijven";
    stay.addEventListener("click", function () {
      fetch(meta.dataset.ping || "/medewerker/", { credentials: "same-origin" }).then(function () {
        hide();
        start();
      });
    });
    banner.appendChild(text);
    banner.appendChild(stay);
    document.body.appendChild(banner);
    stay.focus();
  }

  function start() {
    if (timer) clearTimeout(timer);
    timer = setTimeout(show, warnAfter);
  }

  // Every htmx request also counts as activity on the server, except a page's own background
  // polls (data-achtergrond: the telephone pop, the chat badge), which do not keep a session.
  document.body.addEventListener("htmx:afterRequest", function (event) {
    var elt = event.detail && event.detail.elt;
    if (elt && elt.hasAttribute && elt.hasAttribute("data-achtergrond")) return;
    hide();
    start();
  });
  // Work done with fetch (sending a chat message) says so itself.
  document.body.addEventListener("loket:activiteit", function () {
    hide();
    start();
  });
  start();
})();
