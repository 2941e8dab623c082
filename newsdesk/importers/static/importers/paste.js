// Pasting a web page (or text with blank lines) into a story's body makes blocks: the
// clipboard is sent to the same cleaning path the page importer uses, and the blocks it
// returns are inserted after the block being edited. A paste of a few words inside a
// paragraph is left to the rich text editor.
(function () {
  "use strict";
  const script = document.currentScript;
  const url = script && script.dataset.pasteUrl;
  const BLOCKY = /<(p|h[1-6]|li|blockquote|table|figure|img|article|section|div)\b/gi;

  function root() {
    const element = document.getElementById("body-root");
    return element && element.rootBlock;
  }

  function csrfToken() {
    const input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function wanted(html, text) {
    if (html && (html.match(BLOCKY) || []).length >= 2) return true;
    return !html && /\n\s*\n/.test(text || "");
  }

  function note(message, problem) {
    const body = document.getElementById("body-root");
    if (!body) return;
    let line = document.querySelector("[data-paste-note]");
    if (!line) {
      line = document.createElement("p");
      line.dataset.pasteNote = "";
      line.setAttribute("role", "status");
      body.before(line);
    }
    line.className = problem ? "help-block help-critical" : "help-block help-info";
    line.textContent = message;
  }

  function isEmpty(child) {
    // A paragraph block whose editor holds no text (the one a new story opens with).
    if (!child || child.type !== "paragraph") return false;
    const editable = child.element.querySelector("[contenteditable=true]");
    return !!editable && !editable.textContent.trim();
  }

  async function paste(event) {
    const stream = root();
    const target = event.target;
    if (!stream || !url || !target.closest("#body-root")) return;
    const html = event.clipboardData.getData("text/html");
    const text = event.clipboardData.getData("text/plain");
    if (!wanted(html, text)) return;
    event.preventDefault();
    event.stopPropagation();
    const index = stream.children.findIndex((child) => child.element.contains(target));
    const data = new FormData();
    data.set("html", html);
    data.set("text", text);
    note("Making blocks of the pasted text…");
    let reply;
    try {
      const response = await fetch(url, {
        method: "POST",
        body: data,
        headers: { "X-CSRFToken": csrfToken() },
        credentials: "same-origin",
      });
      reply = await response.json();
    } catch (error) {
      reply = { error: "The paste could not be read. Nothing was changed." };
    }
    if (reply.error) {
      note(reply.error, true);
      return;
    }
    let at = index < 0 ? stream.children.length : index + 1;
    for (const block of reply.blocks) {
      stream.insert(block, at, { animate: false, collapsed: false });
      at += 1;
    }
    if (index >= 0 && isEmpty(stream.children[index])) stream.deleteBlock(index, { animate: false });
    // The pasted page's headline, for a story that has none yet.
    const title = document.getElementById("id_title");
    if (title && !title.value.trim() && reply.headline) {
      title.value = reply.headline;
      // As if typed: the checks refresh, and Wagtail makes the slug from it.
      title.dispatchEvent(new Event("input", { bubbles: true }));
      title.dispatchEvent(new Event("change", { bubbles: true }));
    }
    note(reply.message);
  }

  document.addEventListener("paste", paste, true);
})();
