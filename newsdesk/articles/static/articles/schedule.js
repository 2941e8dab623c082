// The publishing-schedule dialog names the time zone its times are in, and its date
// picker opens beside the field (where there is room) instead of over "Save schedule".
(function () {
  "use strict";
  const GAP = 8;

  function nameTheZone(dialog, zone) {
    for (const input of dialog.querySelectorAll("input[name=go_live_at], input[name=expire_at]")) {
      if (input.dataset.zoneNamed) continue;
      input.dataset.zoneNamed = "true";
      const help = document.createElement("p");
      help.className = "w-field__help";
      help.id = `${input.id}-zone`;
      help.textContent = `In ${zone} time.`;
      input.after(help);
      const described = input.getAttribute("aria-describedby");
      input.setAttribute("aria-describedby", [described, help.id].filter(Boolean).join(" "));
    }
  }

  function besideTheField(picker, input) {
    const field = input.getBoundingClientRect();
    if (window.innerWidth - field.right < picker.offsetWidth + 2 * GAP) return; // no room
    // In a dialog the picker is fixed to the window; elsewhere it scrolls with the page.
    const fixed = getComputedStyle(picker).position === "fixed";
    const left = `${field.right + GAP + (fixed ? 0 : window.scrollX)}px`;
    const top = `${field.top + (fixed ? 0 : window.scrollY)}px`;
    if (picker.style.left !== left) picker.style.left = left;
    if (picker.style.top !== top) picker.style.top = top;
  }

  function shownPicker() {
    return [...document.querySelectorAll(".xdsoft_datetimepicker")].find(
      (element) => getComputedStyle(element).display !== "none",
    );
  }

  document.addEventListener("DOMContentLoaded", () => {
    const button = document.querySelector("[data-newsdesk-schedule]");
    const dialog = document.getElementById("schedule-publishing-dialog");
    if (!dialog) return;
    if (button && button.dataset.zone) nameTheZone(dialog, button.dataset.zone);
    const fields = "input[name=go_live_at], input[name=expire_at]";
    // The picker opens below its field when the field takes focus, and places itself
    // again as the window moves: for the next half second it is moved beside the field.
    dialog.addEventListener("focusin", (event) => {
      const input = event.target;
      if (!input.matches(fields)) return;
      let frames = 0;
      const place = () => {
        const picker = shownPicker();
        if (picker) besideTheField(picker, input);
        if (++frames < 30 && document.activeElement === input) requestAnimationFrame(place);
      };
      requestAnimationFrame(place);
    });
  });
})();
