// Attempt pages: save answers as the learner goes, keep them on the device while
// the connection is down, and count the time down. The server stays the judge
// of deadlines; this only keeps the learner informed and loses nothing.
(function () {
  "use strict";
  var form = document.querySelector("form.attempt");
  var state = document.querySelector(".save-state");
  var timer = document.querySelector(".timer");

  if (timer) {
    var secondsLeft = parseInt(timer.dataset.secondsLeft, 10);
    var endsAt = Date.now() + secondsLeft * 1000;
    var tick = function () {
      var left = Math.max(0, Math.round((endsAt - Date.now()) / 1000));
      var minutes = Math.floor(left / 60), seconds = left % 60;
      timer.textContent = minutes + ":" + (seconds < 10 ? "0" : "") + seconds;
      if (left === 0) {
        window.location.reload();
        return;
      }
      window.setTimeout(tick, 1000);
    };
    tick();
  }
  if (!form || !window.fetch || !window.FormData) return;

  var storageKey = "hocso-attempt-" + form.dataset.attempt;
  var pending = null;
  var debounce = null;

  function say(key, extra) {
    if (state) state.textContent = state.dataset[key] + (extra ? " " + extra : "");
  }

  function snapshot() {
    var entries = [];
    new FormData(form).forEach(function (value, name) {
      if (name !== "goto" && name !== "finish") entries.push([name, value]);
    });
    return entries;
  }

  function remember(entries) {
    try { window.localStorage.setItem(storageKey, JSON.stringify(entries)); } catch (ignored) {}
  }

  function forget() {
    try { window.localStorage.removeItem(storageKey); } catch (ignored) {}
  }

  function send(entries) {
    var body = new FormData();
    entries.forEach(function (entry) { body.append(entry[0], entry[1]); });
    say("saving");
    return fetch(form.dataset.autosaveUrl, { method: "POST", body: body, credentials: "same-origin" })
      .then(function (response) {
        return response.json().then(function (data) {
          if (response.ok) {
            forget();
            say("saved");
            return true;
          } else {
            forget();
            say("refused", data.error || "");
            if (response.status === 409) window.location.reload();
            return false;
          }
        });
      })
      .catch(function () {
        pending = entries;
        say("offline");
        return false;
      });
  }

  function saveSoon() {
    var entries = snapshot();
    remember(entries);
    window.clearTimeout(debounce);
    debounce = window.setTimeout(function () { send(entries); }, 800);
  }

  form.addEventListener("change", saveSoon);
  form.addEventListener("input", function (event) {
    if (event.target.tagName === "TEXTAREA" || event.target.type === "text") saveSoon();
  });
  window.addEventListener("online", function () {
    if (pending) { var entries = pending; pending = null; send(entries); }
  });
  window.setInterval(function () {
    if (pending && navigator.onLine !== false) { var entries = pending; pending = null; send(entries); }
  }, 10000);

  // Answers kept on the device by an earlier page load that never reached the server.
  try {
    var kept = JSON.parse(window.localStorage.getItem(storageKey) || "null");
    // Once they are stored, reload so the form shows what the server now holds.
    if (kept) send(kept).then(function (ok) { if (ok) window.location.reload(); });
  } catch (ignored) {}
})();
