// The live ticket page: follows /t/<token>/events (server-sent events) and updates the text; when
// the number is called (or 3 or fewer are left) the phone vibrates and beeps, once per change, if
// the citizen turned that on (browsers allow sound and vibration only after a tap).
"use strict";
(function () {
  var ticket = document.querySelector("[data-events]");
  if (!ticket || !window.EventSource) return;
  var headline = document.getElementById("headline");
  var detail = document.getElementById("detail");
  var status = document.getElementById("status");
  var connection = document.getElementById("connection");
  var button = document.getElementById("alerts");
  var lastAlert = status.className.replace("status", "").trim();
  var alertsOn = false;
  var audio = null;

  function beep(times) {
    if (!audio) return;
    var t = audio.currentTime;
    for (var i = 0; i < times; i++) {
      var osc = audio.createOscillator();
      var gain = audio.createGain();
      osc.frequency.value = 880;
      gain.gain.value = 0.4;
      osc.connect(gain);
      gain.connect(audio.destination);
      osc.start(t + i * 0.5);
      osc.stop(t + i * 0.5 + 0.3);
    }
  }

  function notify(alert) {
    if (!alertsOn) return;
    if (alert === "called") {
      if (navigator.vibrate) navigator.vibrate([600, 200, 600, 200, 600]);
      beep(3);
    } else if (alert === "soon") {
      if (navigator.vibrate) navigator.vibrate([300]);
      beep(1);
    }
  }

  if (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      alertsOn = true;
      var Ctx = window.AudioContext || window.webkitAudioContext;
      if (Ctx && !audio) audio = new Ctx();
      button.textContent = button.getAttribute("data-on");
      button.disabled = true;
      if (navigator.vibrate) navigator.vibrate(100);
    });
  }

  var source = new EventSource(ticket.getAttribute("data-events"));
  source.onmessage = function (e) {
    var data;
    try {
      data = JSON.parse(e.data);
    } catch (err) {
      return;
    }
    connection.hidden = true;
    if (headline.textContent !== data.headline) headline.textContent = data.headline;
    if (detail.textContent !== data.detail) detail.textContent = data.detail;
    status.className = "status " + data.alert;
    // Checked in at the kiosk (or no longer open): the check-in code is not needed any more.
    var checkin = document.getElementById("checkin");
    if (checkin) checkin.hidden = !data.checkin;
    document.body.setAttribute("data-state", data.state);
    if (data.alert && data.alert !== lastAlert) notify(data.alert);
    lastAlert = data.alert;
  };
  source.onerror = function () {
    connection.hidden = false;
  };
  source.onopen = function () {
    connection.hidden = true;
  };
})();
