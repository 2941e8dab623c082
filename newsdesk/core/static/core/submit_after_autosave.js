// On a new page, Wagtail's first background save (autosave) creates the page, and the
// form then posts to that page's edit view. A button pressed while that save is still on
// its way posts to the create view a second time, which refuses it ("the slug is already
// in use") with the page already made: the editor sees an error for a click that should
// have worked. Here a submission made while a background save is pending waits for it to
// finish, then goes where the form now points. Edit views are left to Wagtail, which
// settles overlapping saves by revision.
(function () {
  "use strict";
  const LONGEST_WAIT_MS = 15000;

  function guard(form) {
    const createUrl = form.action;
    let pending = false; // a change is waiting out autosave's pause before it is sent
    let sending = 0; // autosaves to the create view still on their way
    let held = null;
    let timer = null;
    let waitedOut = false;

    // Autosave posts with fetch(); counting those sent to the create view tells when a
    // page may be about to exist. Everything else passes through untouched.
    const fetchBefore = window.fetch;
    window.fetch = function (resource, init) {
      const url = resource instanceof Request ? resource.url : String(resource);
      const toCreate = init && init.method && init.method.toUpperCase() === "POST" && url === createUrl;
      if (!toCreate) return fetchBefore.apply(this, arguments);
      pending = false;
      sending += 1;
      return fetchBefore.apply(this, arguments).finally(() => {
        sending -= 1;
      });
    };

    function buttonFor(submitter) {
      if (submitter && submitter.isConnected && submitter.form === form) return submitter;
      // The save may have redrawn the action menu: the same action under the same name.
      if (submitter && submitter.name) {
        return form.querySelector(`[type=submit][name="${CSS.escape(submitter.name)}"]`);
      }
      return null;
    }

    function release() {
      window.clearTimeout(timer);
      if (!held) return;
      const { submitter } = held;
      held = null;
      const button = buttonFor(submitter);
      if (button) {
        button.disabled = false;
        form.requestSubmit(button);
        return;
      }
      if (submitter && submitter.name) {
        const input = document.createElement("input");
        input.type = "hidden";
        input.name = submitter.name;
        input.value = submitter.value;
        form.append(input);
      }
      form.requestSubmit();
    }

    const busy = () => !waitedOut && form.action === createUrl && (pending || sending > 0);

    form.addEventListener("w-autosave:save", (event) => {
      if (!event.defaultPrevented) pending = true;
    });
    for (const done of ["w-autosave:success", "w-autosave:error", "w-autosave:deactivated"]) {
      form.addEventListener(done, () => {
        // Wagtail announces success a frame after it has redrawn the form: let that land.
        window.requestAnimationFrame(() => {
          if (!busy()) release();
        });
      });
    }
    form.addEventListener(
      "submit",
      (event) => {
        if (held) {
          event.preventDefault(); // a second click while waiting
          return;
        }
        if (!busy()) return;
        event.preventDefault();
        held = { submitter: event.submitter };
        // A save that never answers must not keep the editor's click forever.
        timer = window.setTimeout(() => {
          waitedOut = true;
          release();
        }, LONGEST_WAIT_MS);
      },
      true,
    );
  }

  function start() {
    if (!/\/add\//.test(window.location.pathname)) return;
    for (const form of document.querySelectorAll('form[data-controller~="w-autosave"]')) {
      guard(form);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
