/*
 * Shows the comment form in place when a reader asks to write or reply, instead of
 * going to the form's own page. The story page carries no form (and so no per-reader
 * token) until then, which lets it be cached for everyone. Without JavaScript the links
 * lead to the form's page.
 */
(function () {
  "use strict";
  var section = document.getElementById("comments");
  if (!section || !window.fetch) return;
  var slot = section.querySelector("[data-comment-form]");
  if (!slot) return;

  function show(url, focusTarget) {
    var fragment = url + (url.indexOf("?") === -1 ? "?" : "&") + "fragment=1";
    fetch(fragment, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.text();
      })
      .then(function (html) {
        slot.innerHTML = html;
        if (focusTarget) focusTarget.after(slot);
        var first = slot.querySelector("textarea, input:not([type=hidden])");
        if (first) first.focus();
      })
      .catch(function () {
        window.location.href = url;
      });
  }

  section.addEventListener("click", function (event) {
    var link = event.target.closest(".comments__write-link, .comment__actions a");
    if (!link) return;
    event.preventDefault();
    var reply = link.closest(".comment");
    show(link.getAttribute("href"), reply);
  });
})();
