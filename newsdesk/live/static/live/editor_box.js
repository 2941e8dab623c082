// The live-update box on a story's edit view posts its update on its own (the story's
// form is not saved with it) and clears itself once the update is live.
(function () {
  "use strict";

  async function post(box, button) {
    const status = box.querySelector("[data-live-box-status]");
    const data = new FormData();
    for (const field of box.querySelectorAll("[name^='live_box-']")) {
      if (field.type === "checkbox") {
        if (field.checked) data.set(field.name, "on");
      } else {
        data.set(field.name, field.value);
      }
    }
    const token = document.querySelector("input[name=csrfmiddlewaretoken]");
    button.disabled = true;
    status.className = "";
    status.textContent = "Posting…";
    let reply;
    try {
      const response = await fetch(box.dataset.postUrl, {
        method: "POST",
        body: data,
        headers: { "X-CSRFToken": token ? token.value : "" },
        credentials: "same-origin",
      });
      reply = await response.json();
    } catch (error) {
      reply = { error: "The update could not be posted. Nothing was published; try again." };
    }
    button.disabled = false;
    if (reply.error) {
      status.className = "help-block help-critical";
      status.textContent = reply.error;
      return;
    }
    for (const field of box.querySelectorAll("[name^='live_box-']")) {
      if (field.type === "checkbox") field.checked = false;
      else field.value = "";
    }
    status.className = "help-block help-info";
    status.textContent = reply.message;
  }

  document.addEventListener("click", (event) => {
    const button = event.target.closest("[data-live-box-post]");
    if (!button) return;
    event.preventDefault();
    post(button.closest("[data-live-box]"), button);
  });
})();
