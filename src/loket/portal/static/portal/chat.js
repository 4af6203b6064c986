// The web chat on every portal page (issue 17). The server keeps the chat (a reload or another
// page continues it); this script shows it and waits for news with a long poll, so a message
// of the assistant or the agent appears as soon as it is sent.
(function () {
  "use strict";
  var root = document.querySelector("[data-chat]");
  if (!root) return;
  var openKnop = root.querySelector("[data-chat-open]");
  // The window is built from its template when it is first needed (opened, or a chat that
  // continues after a reload), so its fields are not on the page before.
  var venster, lijst, fout, invoer, tekst, terugbellen, medewerkerKnop;
  var laatste = 0;
  var status = null;
  var wachtend = false;
  var gestopt = false;
  // The start of the chat on the server: a message typed before it has answered waits for it
  // (otherwise it would reach the server before the session knows the chat).
  var gestart = Promise.resolve(null);
  var OPEN_KEY = "loket-chat-open";

  function csrf() {
    var headers = document.body.getAttribute("hx-headers");
    try { return JSON.parse(headers)["X-CSRFToken"]; } catch (e) { return ""; }
  }

  function toonFout(melding) {
    fout.textContent = melding || "";
    fout.hidden = !melding;
  }

  function post(url, data) {
    var body = new URLSearchParams(data || {});
    body.set("na", String(laatste));
    return fetch(url, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrf(), "Accept": "application/json" }
    }).then(antwoord, function () {
      toonFout("Er is geen verbinding met de gemeente. Probeer het zo opnieuw.");
      return null;
    });
  }

  function antwoord(response) {
    return response.json().catch(function () { return {}; }).then(function (data) {
      if (!response.ok) {
        toonFout(data.fout || "Er ging iets mis. Probeer het opnieuw.");
        if (response.status === 404) { status = null; laatste = 0; }
        return null;
      }
      toonFout("");
      verwerk(data);
      return data;
    });
  }

  function knop(label, onClick) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "utrecht-button utrecht-button--secondary-action";
    b.textContent = label;
    b.addEventListener("click", onClick);
    return b;
  }

  function toon(bericht) {
    if (bericht.id <= laatste) return;
    laatste = bericht.id;
    var li = document.createElement("li");
    li.className = "portaal-chat__bericht portaal-chat__bericht--" + bericht.afzender;
    li.setAttribute("data-chat-bericht", bericht.afzender);
    var wie = document.createElement("span");
    wie.className = "portaal-chat__wie";
    wie.textContent = bericht.naam + " · " + bericht.tijd;
    li.appendChild(wie);
    li.appendChild(document.createTextNode(bericht.tekst));
    if (bericht.link) {
      var p = document.createElement("p");
      var a = document.createElement("a");
      a.className = "utrecht-link utrecht-link--html-a";
      a.href = bericht.link;
      a.textContent = "Lees het hele antwoord";
      p.appendChild(a);
      li.appendChild(p);
    }
    if (bericht.beoordelen) {
      var vraag = document.createElement("div");
      vraag.className = "portaal-chat__beoordeel";
      vraag.appendChild(document.createTextNode("Heeft dit geholpen?"));
      ["ja", "nee"].forEach(function (keuze) {
        vraag.appendChild(knop(keuze === "ja" ? "Ja" : "Nee", function () {
          vraag.querySelectorAll("button").forEach(function (b) { b.disabled = true; });
          post(root.dataset.urlGeholpen, { bericht: bericht.id, geholpen: keuze });
        }));
      });
      li.appendChild(vraag);
    }
    if (bericht.terugbellen) terugbellen.hidden = false;
    lijst.appendChild(li);
    lijst.scrollTop = lijst.scrollHeight;
  }

  function voorlopigBericht(afzender, tekst) {
    var li = document.createElement("li");
    li.className = "portaal-chat__bericht portaal-chat__bericht--" + afzender;
    li.textContent = tekst;
    lijst.appendChild(li);
    lijst.scrollTop = lijst.scrollHeight;
    return li;
  }

  function verwerk(data) {
    (data.berichten || []).forEach(toon);
    status = data.status;
    var klaar = !!data.beeindigd;
    medewerkerKnop.hidden = status !== "assistent";
    invoer.querySelectorAll("button, textarea").forEach(function (el) { el.disabled = klaar; });
    if (klaar) {
      terugbellen.hidden = true;
      gestopt = true;
    }
  }

  function wacht() {
    if (wachtend || gestopt || !status) return;
    wachtend = true;
    fetch(root.dataset.urlWachten + "?na=" + laatste, {
      credentials: "same-origin", headers: { "Accept": "application/json" }
    }).then(function (response) {
      wachtend = false;
      if (!response.ok) throw new Error(String(response.status));
      return response.json().then(function (data) { verwerk(data); wacht(); });
    }).catch(function () {
      wachtend = false;
      // A broken connection (a restart, the network): try again in a few seconds.
      setTimeout(wacht, 3000);
    });
  }

  function begin() {
    gestopt = false;
    gestart = post(root.dataset.urlStarten).then(function (data) {
      if (data) wacht();
      return data;
    });
    return gestart;
  }

  function verstuurBericht(waarde, opnieuw) {
    return gestart.then(function () {
      return post(root.dataset.urlBericht, { tekst: waarde });
    }).then(function (data) {
      if (!data && status === null && !opnieuw) {
        // The server has no chat for this browser any more (cleared after its term, or the
        // session expired): start a new one and send the message there, once.
        lijst.textContent = "";
        laatste = 0;
        return begin().then(function () { return verstuurBericht(waarde, true); });
      }
      return data;
    });
  }

  function openVenster() {
    bouwVenster();
    venster.hidden = false;
    openKnop.setAttribute("aria-expanded", "true");
    sessionStorage.setItem(OPEN_KEY, "1");
    if (!status || gestopt) {
      lijst.textContent = "";
      laatste = 0;
      begin().then(function () { tekst.focus(); });
    } else {
      tekst.focus();
    }
  }

  openKnop.addEventListener("click", function () {
    if (!venster || venster.hidden) openVenster(); else sluitVenster();
  });
  function sluitVenster() {
    venster.hidden = true;
    openKnop.setAttribute("aria-expanded", "false");
    sessionStorage.removeItem(OPEN_KEY);
    openKnop.focus();
  }

  function bouwVenster() {
    if (venster) return;
    var sjabloon = root.querySelector("[data-chat-sjabloon]");
    root.appendChild(sjabloon.content.cloneNode(true));
    venster = root.querySelector(".portaal-chat__venster");
    venster.hidden = true;
    lijst = root.querySelector("[data-chat-berichten]");
    fout = root.querySelector("[data-chat-fout]");
    invoer = root.querySelector("[data-chat-invoer]");
    tekst = invoer.querySelector("textarea");
    terugbellen = root.querySelector("[data-chat-terugbellen]");
    medewerkerKnop = root.querySelector("[data-chat-medewerker]");
    bind();
  }

  function bind() {
  root.querySelector("[data-chat-sluiten]").addEventListener("click", sluitVenster);

  invoer.addEventListener("submit", function (event) {
    event.preventDefault();
    var waarde = tekst.value.trim();
    if (!waarde) { toonFout("Typ eerst uw bericht."); tekst.focus(); return; }
    var verstuur = invoer.querySelector("button[type=submit]");
    verstuur.disabled = true;
    // Shown at once while the server stores it (and the assistant searches): replaced by the
    // stored messages when the answer comes.
    var voorlopig = [voorlopigBericht("inwoner", waarde)];
    if (status === "assistent") {
      voorlopig.push(voorlopigBericht("systeem", "De assistent zoekt een antwoord …"));
    }
    verstuurBericht(waarde, false).then(function (data) {
      voorlopig.forEach(function (li) { li.remove(); });
      verstuur.disabled = false;
      if (data) { tekst.value = ""; wacht(); }
      tekst.focus();
    });
  });
  tekst.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      invoer.requestSubmit();
    }
  });
  medewerkerKnop.addEventListener("click", function () {
    gestart.then(function () {
      return post(root.dataset.urlMedewerker);
    }).then(function () { wacht(); });
  });
  root.querySelector("[data-chat-stoppen]").addEventListener("click", function () {
    post(root.dataset.urlStoppen);
  });
  terugbellen.addEventListener("submit", function (event) {
    event.preventDefault();
    post(root.dataset.urlTerugbellen, {
      telefoonnummer: terugbellen.querySelector("input").value
    });
  });
  }

  // A chat in progress continues after a reload or on the next page.
  fetch(root.dataset.urlToestand, {
    credentials: "same-origin", headers: { "Accept": "application/json" }
  }).then(function (r) { return r.json(); }).then(function (data) {
    if (!data.status) return;
    bouwVenster();
    verwerk(data);
    if (sessionStorage.getItem(OPEN_KEY) && !gestopt) {
      venster.hidden = false;
      openKnop.setAttribute("aria-expanded", "true");
    }
    wacht();
  });
})();
