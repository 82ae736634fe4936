/*
 * Autosave of the application's draft: a moment after the applicant stops typing, the form's
 * fields are posted (with the form's CSRF token) to its data-autosave address, which stores
 * them through the same service and checks as «Lagre utkast» and answers JSON. The status
 * line ([data-autosave-status], role=status) says «Lagret kl. HH:MM», or why nothing was
 * stored. Files are never sent this way: «Last opp» posts the whole form.
 */
(function () {
  "use strict";

  var form = document.querySelector("form[data-autosave]");
  if (!form || !window.fetch || !window.FormData) {
    return;
  }
  var status = form.querySelector("[data-autosave-status]");
  var url = form.getAttribute("data-autosave");
  var DELAY = 1500;
  var timer = null;
  var inFlight = false;
  var dirty = false;
  var stopped = false;
  var waitingSubmit = null; // The button of a save pressed while autosave was storing.
  var submitWaits = false;

  function say(text) {
    if (status) {
      status.textContent = text;
    }
  }

  function schedule() {
    if (stopped) {
      return;
    }
    dirty = true;
    window.clearTimeout(timer);
    timer = window.setTimeout(save, DELAY);
  }

  function finish() {
    inFlight = false;
    if (submitWaits) {
      submitWaits = false;
      if (waitingSubmit) {
        form.requestSubmit(waitingSubmit);
      } else {
        form.requestSubmit();
      }
    } else if (dirty) {
      schedule();
    }
  }

  function save() {
    if (inFlight || stopped) {
      return;
    }
    dirty = false;
    inFlight = true;
    form.dispatchEvent(new CustomEvent("autosave:sending"));
    var data = new FormData(form);
    form.querySelectorAll("input[type=file]").forEach(function (input) {
      data.delete(input.name);
    });
    var token = data.get("csrfmiddlewaretoken");
    say(status ? status.getAttribute("data-saving") : "");
    window
      .fetch(url, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { Accept: "application/json", "X-CSRFToken": token || "" },
      })
      .then(function (response) {
        var type = response.headers.get("Content-Type") || "";
        if (type.indexOf("application/json") === -1) {
          throw new Error("not JSON: " + response.status);
        }
        return response.json().then(function (answer) {
          if (response.status === 403) {
            stopped = true;
          }
          if (answer.saved) {
            form.dispatchEvent(new CustomEvent("autosave:saved", { detail: answer }));
          }
          say(answer.message);
        });
      })
      .catch(function () {
        say(status ? status.getAttribute("data-failed") : "");
      })
      .then(finish);
  }

  function changed(event) {
    if (event.target && event.target.type === "file") {
      return;
    }
    schedule();
  }

  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  form.addEventListener("autosave:dirty", schedule);
  // Rows stored by autosave get their ids when its answer comes: a save pressed meanwhile
  // waits for it, so that it does not add the same rows again.
  form.addEventListener("submit", function (event) {
    window.clearTimeout(timer);
    if (inFlight) {
      event.preventDefault();
      submitWaits = true;
      waitingSubmit = event.submitter || null;
    }
  });
})();
