// H5P activities in lessons: start h5p-standalone with the options the server
// rendered, post the learner's scored xAPI statements, and save the player's
// state so the learner resumes where they left off. Runs once per page even
// when several activities load it.
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

  document.addEventListener("DOMContentLoaded", function () {
    var players = {};
    var boxes = Array.prototype.slice.call(document.querySelectorAll(".h5p-player"));
    if (!boxes.length || !window.fetch) return;
    // h5p-standalone sets up one H5P global per page: start the players one after another.
    // One activity that cannot load must not keep the others from starting, nor their results from being sent.
    boxes.reduce(function (previous, box) {
      return previous.then(function () { return start(box, players); }).catch(function () { failed(box); });
    }, Promise.resolve()).then(function () {
      if (window.H5P && H5P.externalDispatcher) {
        H5P.externalDispatcher.on("xAPI", function (event) { onStatement(players, event); });
      }
    });
  });
})();
