// A filter box over a list of checkboxes (core/widgets.py): typing hides the choices
// whose names do not contain what was typed; ticked ones always stay in view.
(function () {
  "use strict";

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function setUp(box) {
    if (box.dataset.filteredChoicesReady) return;
    box.dataset.filteredChoicesReady = "1";
    const filter = box.querySelector("[data-filtered-choices-filter]");
    const none = box.querySelector("[data-filtered-choices-none]");
    const options = Array.from(box.querySelectorAll(".filtered-choices__option"));
    filter.hidden = false;
    filter.addEventListener("input", () => {
      const wanted = fold(filter.value.trim());
      let shown = 0;
      for (const option of options) {
        const ticked = option.querySelector("input").checked;
        const match = !wanted || ticked || fold(option.textContent).includes(wanted);
        option.hidden = !match;
        if (match) shown += 1;
      }
      none.hidden = shown > 0;
    });
    // Enter in the filter must not submit the page form.
    filter.addEventListener("keydown", (event) => {
      if (event.key === "Enter") event.preventDefault();
    });
  }

  function setUpAll() {
    document.querySelectorAll("[data-filtered-choices]").forEach(setUp);
  }

  document.addEventListener("DOMContentLoaded", setUpAll);
  document.addEventListener("w-formset:added", setUpAll);
})();
