// When a picture file is chosen in an image form, the rights its IPTC, XMP or EXIF
// metadata carries are read (nothing is saved) and shown above the form; empty rights
// fields are filled with them for the editor to check before saving. Fields the editor
// has typed in are left as they are; choosing another file replaces what the first
// one filled.
(function () {
  "use strict";
  const script = document.currentScript;
  const url = script && script.dataset.readUrl;

  function note(form, rows) {
    let box = form.querySelector("[data-file-rights]");
    if (!box) {
      box = document.createElement("div");
      box.dataset.fileRights = "";
      box.setAttribute("role", "status");
      box.className = "help-block help-info";
      form.prepend(box);
    }
    box.replaceChildren();
    const lead = document.createElement("p");
    lead.textContent = rows.length
      ? "Read from the file: check these before saving."
      : "The file says nothing about its rights: fill in the creator, credit and licence.";
    box.append(lead);
    if (!rows.length) return;
    const list = document.createElement("dl");
    for (const [label, value] of rows) {
      const term = document.createElement("dt");
      term.textContent = label;
      const detail = document.createElement("dd");
      detail.textContent = value;
      list.append(term, detail);
    }
    box.append(list);
  }

  async function read(input) {
    const form = input.form;
    const file = input.files && input.files[0];
    if (!form || !file || !url) return;
    const data = new FormData();
    data.set("file", file);
    const token = form.querySelector("input[name=csrfmiddlewaretoken]");
    try {
      const response = await fetch(url, {
        method: "POST",
        body: data,
        headers: { "X-CSRFToken": token ? token.value : "" },
        credentials: "same-origin",
      });
      if (!response.ok) return;
      const reply = await response.json();
      // What an earlier file filled in (and the editor left as it was) gives way.
      for (const field of form.querySelectorAll("[data-from-file]")) {
        if (field.value === field.dataset.fromFile) field.value = "";
        delete field.dataset.fromFile;
      }
      for (const [name, value] of Object.entries(reply.fields || {})) {
        const field = form.querySelector(`[name="${CSS.escape(name)}"]`);
        if (field && !field.value) {
          field.value = value;
          field.dataset.fromFile = value;
        }
      }
      note(form, reply.read || []);
    } catch (error) {
      // Reading is a help, not a step: the server reads the file again on saving.
    }
  }

  document.addEventListener("change", (event) => {
    const input = event.target;
    if (input.matches && input.matches("input[type=file][name=file]") && input.form &&
        input.form.querySelector("[name=creator]")) {
      read(input);
    }
  });
})();
