/*
 * Live updates without reloading: asks the story's updates endpoint every few seconds
 * (the browser revalidates it with its ETag, so an unchanged answer costs a 304), says
 * "N new updates" and shows them when the reader asks. With JavaScript off, a reload
 * shows everything.
 */
(function () {
  "use strict";
  var section = document.querySelector("[data-live-polling]");
  if (!section || !window.fetch) return;

  var endpoint = section.getAttribute("data-live-endpoint");
  var interval = parseInt(section.getAttribute("data-live-interval"), 10) || 15000;
  var latest = parseInt(section.getAttribute("data-live-latest"), 10) || 0;
  var notice = section.querySelector(".live__notice");
  var pending = {};
  var missed = false;
  var timer = null;
  var stopped = false;

  function count() {
    return Object.keys(pending).length;
  }

  function showNotice() {
    var n = count();
    notice.textContent = "";
    if (!n) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "live__reveal";
    button.textContent = n === 1 ? "1 new update" : n + " new updates";
    button.addEventListener("click", reveal);
    notice.appendChild(button);
  }

  function list() {
    var existing = section.querySelector(".live__updates");
    if (existing) return existing;
    var created = document.createElement("ol");
    created.className = "live__updates";
    created.setAttribute("aria-label", "Updates, newest first");
    var empty = section.querySelector(".live__empty");
    if (empty) empty.replaceWith(created);
    else notice.after(created);
    return created;
  }

  function reveal() {
    if (missed) {
      window.location.reload();
      return;
    }
    var updates = Object.keys(pending)
      .map(function (key) { return pending[key]; })
      .sort(function (a, b) { return a.sequence - b.sequence; });
    var target = list();
    var first = null;
    updates.forEach(function (update) {
      var item = document.createElement("li");
      item.innerHTML = update.html;
      target.insertBefore(item, target.firstChild);
      first = item.querySelector("article");
      latest = Math.max(latest, update.sequence);
    });
    pending = {};
    showNotice();
    if (first) {
      first.setAttribute("tabindex", "-1");
      first.focus();
    }
  }

  function receive(data) {
    var oldest = null;
    data.updates.forEach(function (update) {
      if (update.sequence > latest) {
        pending[update.sequence] = update;
        oldest = oldest === null ? update.sequence : Math.min(oldest, update.sequence);
      }
    });
    // More arrived than the endpoint lists: the button reloads the page instead.
    missed = oldest !== null && oldest > latest + 1 && data.latest - latest > data.updates.length;
    showNotice();
    if (!data.live) stopped = true;
  }

  function poll() {
    timer = null;
    if (stopped) return;
    if (document.hidden) {
      schedule();
      return;
    }
    fetch(endpoint, { cache: "no-cache", credentials: "omit", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) { if (data) receive(data); })
      .catch(function () { /* offline or a server hiccup: try again at the next turn */ })
      .then(schedule);
  }

  function schedule() {
    if (!stopped && timer === null) timer = window.setTimeout(poll, interval);
  }

  document.addEventListener("visibilitychange", function () {
    if (!document.hidden && timer !== null) {
      window.clearTimeout(timer);
      poll();
    }
  });
  schedule();
})();
