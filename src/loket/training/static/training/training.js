/* Training simulation: after an action the conversation grows (htmx); clear what was said and
   keep the newest line in view. No framework. */
(function () {
  "use strict";
  function scrollChat() {
    var chat = document.querySelector(".training-chat");
    if (chat) chat.scrollTop = chat.scrollHeight;
  }
  document.addEventListener("DOMContentLoaded", scrollChat);
  document.addEventListener("htmx:afterRequest", function (event) {
    var form = event.target.closest && event.target.closest("[data-actie-form]");
    if (!form || !event.detail.successful) return;
    var tekst = form.querySelector("textarea");
    if (tekst && !document.querySelector("#gesprek-regels [role='alert']")) tekst.value = "";
  });
  document.addEventListener("htmx:afterSettle", scrollChat);
})();
