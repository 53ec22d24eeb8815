// H5P activities in lessons: when the learner opens one, load h5p-standalone
// and start it with the options the server rendered, post the learner's scored
// xAPI statements, and save the player's state so the learner resumes where they
// left off. The player and its libraries weigh half a megabyte: a lesson read on
// a weak connection fetches them only for the activity the learner opens. Runs
// once per page even when several activities load it.
(function () {
  "use strict";
  if (window.hocsoH5P) return;
  window.hocsoH5P = true;

  function post(url, csrf, body) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      keepalive: true,
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
      body: JSON.stringify(body),
    }).then(function (response) {
      return response.ok ? response.json() : null;
    });
  }

  function savedState(options) {
    var contents = window.H5PIntegration && window.H5PIntegration.contents;
    var content = contents && contents["cid-" + options.id];
    var data = content && content.contentUserData;
    return data && data[0] && data[0].state;
  }

  // xAPI statements name their content by this extension; the player id is the content id.
  var CONTENT_ID = "http://h5p.org/x-api/h5p-local-content-id";

  function start(box, players) {
    var options = JSON.parse(document.getElementById(box.dataset.options).textContent);
    var records = box.dataset.records === "true";
    var result = box.parentNode.querySelector(".h5p-result");
    var lastSaved = options.contentUserData ? options.contentUserData[0].state : null;
    players[options.id] = { box: box, options: options, records: records, result: result };

    function saveState() {
      var state = savedState(options);
      if (!records || !state || state === lastSaved) return;
      lastSaved = state;
      post(box.dataset.stateUrl, box.dataset.csrf, { state: state });
    }
    if (records) {
      window.setInterval(saveState, options.saveFreq * 1000);
      document.addEventListener("visibilitychange", function () {
        if (document.visibilityState === "hidden") saveState();
      });
      players[options.id].saveState = saveState;
    }
    return new H5PStandalone.H5P(box, options).then(function () {
      var loading = box.querySelector(".h5p-loading");
      if (loading) loading.remove();
      // h5p-standalone leaves its frame unnamed; a screen reader announces the frame by this title.
      var frame = box.querySelector("iframe");
      if (frame) frame.title = box.dataset.title;
    });
  }

  function failed(box) {
    var loading = box.querySelector(".h5p-loading");
    if (loading) loading.textContent = box.dataset.failed;
  }

  function onStatement(players, event) {
    var statement = event.data && event.data.statement;
    var extensions = statement && statement.object && statement.object.definition &&
      statement.object.definition.extensions;
    var player = extensions && players[extensions[CONTENT_ID]];
    if (!player || !player.records || !statement.result || !statement.result.score) return;
    post(player.box.dataset.statementUrl, player.box.dataset.csrf, statement).then(function (answer) {
      if (player.saveState) player.saveState();
      if (!answer || !answer.recorded) return;
      var text = player.box.dataset.scored.replace("{score}", answer.score).replace("{best}", answer.best_score);
      if (answer.course_completed) text += " " + player.box.dataset.courseDone;
      else if (answer.lesson_completed) text += " " + player.box.dataset.lessonDone;
      player.result.textContent = text;
      player.result.hidden = false;
      player.box.dataset.recordedScore = String(answer.score);
    });
  }

  // The player's script, added to the page once, on the first activity opened.
  var playerScript = null;
  function loadPlayer(url) {
    if (!playerScript) {
      playerScript = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = url;
        script.onload = resolve;
        script.onerror = reject;
        document.head.appendChild(script);
      });
    }
    return playerScript;
  }

  document.addEventListener("DOMContentLoaded", function () {
    var players = {};
    var listening = false;
    // h5p-standalone sets up one H5P global per page: players start one after another.
    // One activity that cannot load must not keep the others from starting, nor their results from being sent.
    var started = Promise.resolve();
    var boxes = Array.prototype.slice.call(document.querySelectorAll(".h5p-player"));
    if (!boxes.length || !window.fetch || !window.Promise) return;

    function open(box, button) {
      button.remove();
      box.querySelector(".h5p-loading").hidden = false;
      started = started.then(function () {
        return loadPlayer(box.dataset.playerScript).then(function () { return start(box, players); });
      }).catch(function () { failed(box); }).then(function () {
        if (!listening && window.H5P && H5P.externalDispatcher) {
          listening = true;
          H5P.externalDispatcher.on("xAPI", function (event) { onStatement(players, event); });
        }
      });
    }

    boxes.forEach(function (box) {
      var button = box.querySelector(".h5p-open");
      button.hidden = false;
      button.addEventListener("click", function () { open(box, button); });
    });
  });
})();
