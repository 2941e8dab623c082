// Desk checks: refresh the panel from the unsaved form as the editor types (as the preview
// does), and dismiss or restore warnings without leaving the page. Without JavaScript the
// panel is refreshed on save, and its buttons post the form to the same views.
(function () {
  "use strict";
  const HEADER = { "X-Requested-With": "newsdesk-checks" };
  let timer = null;

  function panel() {
    return document.querySelector("[data-desk-checks]");
  }

  async function post(url, form, extra) {
    const data = new FormData(form);
    for (const [key, value] of Object.entries(extra || {})) data.set(key, value);
    const response = await fetch(url, { method: "POST", body: data, headers: HEADER, credentials: "same-origin" });
    if (response.ok) {
      const current = panel();
      const holder = document.createElement("div");
      holder.innerHTML = await response.text();
      const fresh = holder.firstElementChild;
      // Keep the warnings open or folded as the editor left them.
      const wasOpen = current && current.querySelector("details.desk-checks__warnings");
      const nowOpen = fresh && fresh.querySelector("details.desk-checks__warnings");
      if (wasOpen && nowOpen) nowOpen.open = wasOpen.open;
      if (current && fresh) current.replaceWith(fresh);
      return null;
    }
    try {
      return (await response.json()).error;
    } catch (error) {
      return "The checks could not be refreshed.";
    }
  }

  function refreshSoon(form) {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const current = panel();
      if (current && current.dataset.refreshUrl) post(current.dataset.refreshUrl, form);
    }, 600);
  }

  // Tick topic ``id`` in the story's Topics field, adding its checkbox if the topic is
  // new since the page was drawn; the change refreshes the panel.
  function tickTopic(form, id, name) {
    let box = form.querySelector(`input[name="topics"][value="${CSS.escape(id)}"]`);
    if (!box) {
      const any = form.querySelector('input[name="topics"]');
      const list = any ? any.closest(".filtered-choices__list") : form.querySelector("#id_topics");
      if (!list) return;
      const label = document.createElement("label");
      label.className = "filtered-choices__option";
      box = document.createElement("input");
      box.type = "checkbox";
      box.name = "topics";
      box.value = id;
      box.id = `id_topics_new_${id}`;
      label.htmlFor = box.id;
      label.append(box, ` ${name}`);
      list.prepend(label);
    }
    box.checked = true;
    box.dispatchEvent(new Event("change", { bubbles: true }));
  }

  document.addEventListener("DOMContentLoaded", () => {
    const current = panel();
    if (!current) return;
    const form = current.closest("form");
    if (!form) return;
    form.addEventListener("input", () => refreshSoon(form));
    form.addEventListener("change", () => refreshSoon(form));
    // Saving or publishing redraws the panel anyway.
    form.addEventListener("submit", () => clearTimeout(timer));
    form.addEventListener("click", (event) => {
      // A suggested topic: select it in the Topics field, as if the editor had.
      const add = event.target.closest("[data-desk-checks] [data-add-topic]");
      if (!add) return;
      event.preventDefault();
      const id = add.dataset.addTopic;
      const box = form.querySelector(`input[name="topics"][value="${CSS.escape(id)}"]`);
      const option = form.querySelector(`select[name="topics"] option[value="${CSS.escape(id)}"]`);
      const target = box || (option && option.closest("select"));
      if (box) box.checked = true;
      if (option) option.selected = true;
      if (target) target.dispatchEvent(new Event("change", { bubbles: true }));
    });
    form.addEventListener("click", async (event) => {
      // A new name: create the topic, then tick it in the Topics field.
      const create = event.target.closest("[data-desk-checks] [data-create-topic]");
      if (!create) return;
      event.preventDefault();
      create.disabled = true;
      const body = new FormData();
      body.append("name", create.dataset.createTopic);
      const token = form.querySelector("input[name=csrfmiddlewaretoken]");
      if (token) body.append("csrfmiddlewaretoken", token.value);
      let answer = {};
      try {
        const response = await fetch(create.dataset.createTopicUrl, {
          method: "POST",
          body,
          credentials: "same-origin",
        });
        answer = await response.json();
        if (!response.ok) throw new Error(answer.error || "The topic could not be created.");
      } catch (error) {
        create.disabled = false;
        const note = document.createElement("p");
        note.className = "desk-checks__error";
        note.setAttribute("role", "alert");
        note.textContent = error.message;
        create.insertAdjacentElement("afterend", note);
        return;
      }
      tickTopic(form, String(answer.id), answer.name);
    });
    form.addEventListener("click", async (event) => {
      const button = event.target.closest("[data-desk-checks] button[formaction]");
      if (!button) return;
      event.preventDefault();
      const error = await post(button.getAttribute("formaction"), form, { [button.name]: button.value });
      if (error) {
        const note = document.createElement("p");
        note.className = "desk-checks__error";
        note.setAttribute("role", "alert");
        note.textContent = error;
        button.insertAdjacentElement("afterend", note);
      }
    });
  });
})();
