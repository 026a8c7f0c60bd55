/* What inline handlers (onclick=…) used to do, for pages under our Content-Security-Policy,
 * which refuses inline handlers. Markup says what it wants with data attributes:
 *   data-auto-submit     a select that submits its form when changed
 *   data-history-back    a link that goes back a page
 *   data-window-close    a link that closes a popup window
 *   data-print           a link that prints the page
 *   data-upload-preview  Oscar's image upload preview: hide the upload button once an image
 *                        shows, say so when it cannot (data-upload-error)
 */
(function () {
    "use strict";

    document.addEventListener("change", function (event) {
        var select = event.target.closest && event.target.closest("[data-auto-submit]");
        if (select && select.form) {
            select.form.submit();
        }
    });

    document.addEventListener("click", function (event) {
        var link = event.target.closest && event.target.closest(
            "[data-history-back], [data-window-close], [data-print]"
        );
        if (!link) {
            return;
        }
        event.preventDefault();
        if (link.hasAttribute("data-history-back")) {
            window.history.back();
        } else if (link.hasAttribute("data-window-close")) {
            window.close();
        } else {
            window.print();
        }
    });

    // load and error do not bubble: listen while they travel down (capture).
    function uploadButton(image) {
        var box = image.closest(".image-input");
        return box && box.querySelector("button");
    }
    document.addEventListener("load", function (event) {
        var image = event.target;
        if (image.matches && image.matches("img[data-upload-preview]") && uploadButton(image)) {
            uploadButton(image).style.display = "none";
        }
    }, true);
    document.addEventListener("error", function (event) {
        var image = event.target;
        if (image.matches && image.matches("img[data-upload-preview]") && image.getAttribute("src")) {
            if (uploadButton(image)) {
                uploadButton(image).style.display = "";
            }
            window.alert(image.getAttribute("data-upload-error"));
        }
    }, true);
}());
