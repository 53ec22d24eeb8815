// Attempt pages: save answers as the learner goes, keep them on the device while
// the connection is down or while the server cannot take one of them, and count
// the time down. The server stays the judge of deadlines and of what an answer
// may be; this only keeps the learner informed and loses nothing.
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

  // What the server says is wrong with an answer, beside its question; a saved answer clears it.
  function showProblems(saved, problems) {
    (saved || []).concat(Object.keys(problems || {})).forEach(function (id) {
      var question = form.querySelector('fieldset[data-response="' + id + '"]');
      if (!question) return;
      var problem = (problems && problems[id]) || "";
      var box = question.querySelector(".problem");
      if (box) {
        box.textContent = problem;
        box.hidden = !problem;
      }
      question.querySelectorAll("input[type=text], textarea, select").forEach(function (field) {
        if (problem) field.setAttribute("aria-invalid", "true");
        else field.removeAttribute("aria-invalid");
      });
    });
  }

  function send(entries) {
    var body = new FormData();
    entries.forEach(function (entry) { body.append(entry[0], entry[1]); });
    say("saving");
    return fetch(form.dataset.autosaveUrl, { method: "POST", body: body, credentials: "same-origin" })
      .then(function (response) {
        return response.json().then(function (data) {
          showProblems(data.saved, data.problems);
          if (response.ok) {
            forget();
            say("saved");
            return true;
          }
          if (data.problems) {
            // The others are saved; this device keeps everything until the learner corrects it.
            say("problems");
          } else {
            say("refused", data.error || "");
            if (response.status === 409 || response.status === 404) forget();
            if (response.status === 409) window.location.reload();
          }
          return false;
        });
      })
      .catch(function () {
        pending = entries;
        say("offline");
        return false;
      });
  }

  function shownIds(entries) {
    return entries.filter(function (entry) { return entry[0] === "shown"; })
      .map(function (entry) { return entry[1]; }).sort().join(" ");
  }

  // Put answers kept on the device back in the form, if they were taken on this very page.
  function restore(entries) {
    if (shownIds(entries) !== shownIds(snapshot())) return;
    var values = {};
    entries.forEach(function (entry) { (values[entry[0]] = values[entry[0]] || []).push(entry[1]); });
    Array.prototype.forEach.call(form.elements, function (field) {
      if (!/^answer-/.test(field.name)) return;
      var kept = values[field.name] || [];
      if (field.type === "radio" || field.type === "checkbox") field.checked = kept.indexOf(field.value) !== -1;
      else field.value = kept.length ? kept[0] : "";
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

  // Whether an answer differs from what the server drew: on a slow connection the
  // learner may answer before this script arrives, and the browser may refill a
  // form it restores; neither fires a change this script hears.
  function answeredBeforeThisScript() {
    return Array.prototype.some.call(form.elements, function (field) {
      if (!/^answer-/.test(field.name)) return false;
      if (field.type === "radio" || field.type === "checkbox") return field.checked !== field.defaultChecked;
      if (field.tagName === "SELECT") {
        return Array.prototype.some.call(field.options, function (option) { return option.selected !== option.defaultSelected; });
      }
      return field.value !== field.defaultValue;
    });
  }

  // Answers kept on the device by an earlier page load that the server has not
  // (all) taken: they are newer than what the page was drawn with.
  var kept = null;
  try { kept = JSON.parse(window.localStorage.getItem(storageKey) || "null"); } catch (ignored) {}
  if (kept) {
    restore(kept);
    // Once they are all stored, reload so the form shows what the server now holds.
    send(kept).then(function (ok) { if (ok) window.location.reload(); });
  } else if (answeredBeforeThisScript()) {
    saveSoon();
  }
})();
