/* The booth sale screen: scan a product's QR code (its shop page, or a link with
 * ?product=<id>) with the phone's camera where the browser has BarcodeDetector, and add one
 * unit of it to the sale. Without this script or without a camera the screen works as a
 * plain form. */
(function () {
    "use strict";

    var box = document.querySelector("[data-booth-scan]");
    if (!box || !("BarcodeDetector" in window) || !navigator.mediaDevices) {
        return;
    }
    var video = box.querySelector("[data-booth-scan-video]");
    var status = box.querySelector("[data-booth-scan-status]");
    var detector;
    try {
        detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    } catch (error) {
        return;
    }
    box.hidden = false;

    function productOf(text) {
        var match = /[?&]product=(\d+)/.exec(text) || /_(\d+)\/?(?:[?#].*)?$/.exec(text);
        return match ? match[1] : null;
    }

    function addOne(product) {
        var row = document.querySelector(
            '.booth-sale-row[data-product="' + product + '"], .booth-sale-row[data-parent="' + product + '"]'
        );
        if (!row) {
            return false;
        }
        var input = row.querySelector("input");
        var digits = (input.value || "0").replace(/[۰-۹]/g, function (d) {
            return String("۰۱۲۳۴۵۶۷۸۹".indexOf(d));
        });
        input.value = String((parseInt(digits, 10) || 0) + 1);
        row.classList.add("booth-sale-chosen");
        row.scrollIntoView({ block: "center" });
        return true;
    }

    function stop(stream) {
        stream.getTracks().forEach(function (track) { track.stop(); });
        video.hidden = true;
        status.hidden = true;
    }

    box.querySelector("[data-booth-scan-start]").addEventListener("click", function () {
        navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }).then(function (stream) {
            video.srcObject = stream;
            video.hidden = false;
            status.hidden = false;
            video.play();
            var look = function () {
                detector.detect(video).then(function (codes) {
                    var product = codes.length ? productOf(codes[0].rawValue) : null;
                    if (product && addOne(product)) {
                        stop(stream);
                    } else {
                        window.requestAnimationFrame(look);
                    }
                }, function () { stop(stream); });
            };
            look();
        }, function () { box.hidden = true; });
    });
})();
