// The outlet counter: where the browser has BarcodeDetector and a camera, the "Scan" button
// shows the camera and fills the search box with the barcode it reads, then searches; the box
// works typed without it. A "Print" button where printing is possible. No external script.
(function () {
  "use strict";

  function stop(video) {
    var stream = video.srcObject;
    if (stream) {
      stream.getTracks().forEach(function (track) { track.stop(); });
    }
    video.srcObject = null;
    video.hidden = true;
  }

  function scan(form, video, input) {
    var detector = new window.BarcodeDetector();
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } })
      .then(function (stream) {
        video.srcObject = stream;
        video.hidden = false;
        return video.play();
      })
      .then(function look() {
        if (video.hidden) { return; }
        detector.detect(video).then(function (codes) {
          if (codes.length) {
            input.value = codes[0].rawValue;
            stop(video);
            form.submit();
          } else {
            window.requestAnimationFrame(look);
          }
        }, function () { window.setTimeout(look, 300); });
      })
      .catch(function () { stop(video); input.focus(); });
  }

  document.querySelectorAll("form[data-scan]").forEach(function (form) {
    var button = form.querySelector("[data-scan-button]");
    var video = form.querySelector("[data-scan-video]");
    var input = form.querySelector('input[name="q"]');
    if (!button || !("BarcodeDetector" in window) || !navigator.mediaDevices) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      if (video.hidden) { scan(form, video, input); } else { stop(video); }
    });
  });

  document.querySelectorAll("[data-print]").forEach(function (button) {
    if (typeof window.print !== "function") { return; }
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
