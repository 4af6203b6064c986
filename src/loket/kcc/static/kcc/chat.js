// An agent's chat (issue 17): new messages of the inwoner appear as soon as they are sent (a
// long poll), and the agent's own are sent without leaving the page. Without JavaScript the
// form posts and the page reloads.
(function () {
  "use strict";
  var root = document.querySelector("[data-kcc-chat]");
  if (!root) return;
  var lijst = root.querySelector("[data-chat-berichten]");
  var form = root.querySelector("[data-chat-invoer]");
  var statusRegel = root.querySelector("[data-chat-status]");
  var laatste = 0;
  lijst.querySelectorAll("[data-id]").forEach(function (li) {
    laatste = Math.max(laatste, parseInt(li.dataset.id, 10));
  });
  lijst.scrollTop = lijst.scrollHeight;

  function toon(b) {
    if (b.id <= laatste) return;
    laatste = b.id;
    var li = document.createElement("li");
    li.className = "portaal-chat__bericht portaal-chat__bericht--" + b.afzender;
    li.dataset.id = b.id;
    li.setAttribute("data-chat-bericht", b.afzender);
    var wie = document.createElement("span");
    wie.className = "portaal-chat__wie";
    wie.textContent = b.naam + " · " + b.tijd;
    li.appendChild(wie);
    li.appendChild(document.createTextNode(b.tekst));
    lijst.appendChild(li);
    lijst.scrollTop = lijst.scrollHeight;
  }

  function wacht() {
    fetch(root.dataset.urlWachten + "?na=" + laatste, {
      credentials: "same-origin",
      headers: { "Accept": "application/json", "X-Loket-Achtergrond": "1" }
    }).then(function (r) {
      if (!r.ok) throw new Error(String(r.status));
      return r.json();
    }).then(function (data) {
      (data.berichten || []).forEach(toon);
      if (data.beeindigd && statusRegel) statusRegel.textContent = "De inwoner heeft de chat verlaten.";
      if (data.status === "actief") wacht();
    }).catch(function () { setTimeout(wacht, 3000); });
  }
  wacht();

  document.querySelectorAll("[data-gebruik-artikel]").forEach(function (knop) {
    knop.addEventListener("click", function () {
      if (!form) return;
      var tekst = knop.closest("article").querySelector("[data-artikel-tekst]").textContent.trim();
      form.querySelector("textarea").value = tekst;
      form.querySelector("[data-chat-versie]").value = knop.dataset.versie;
      form.querySelector("textarea").focus();
    });
  });

  if (form) {
    var tekstveld = form.querySelector("textarea");
    tekstveld.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && !event.shiftKey) { event.preventDefault(); form.requestSubmit(); }
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var body = new FormData(form);
      fetch(form.action, {
        method: "POST", body: body, credentials: "same-origin",
        headers: { "Accept": "application/json" }
      }).then(function (r) {
        return r.json().then(function (data) {
          if (!r.ok) { alert(data.fout || "Versturen is mislukt."); return; }
          toon(data.bericht);
          document.body.dispatchEvent(new CustomEvent("loket:activiteit"));
          tekstveld.value = "";
          form.querySelector("[data-chat-versie]").value = "";
          tekstveld.focus();
        });
      });
    });
  }
})();
