/* Wagtail admin under our Content-Security-Policy. Wagtail starts some widgets and panels with
 * inline scripts, which the policy refuses; our overrides of those templates
 * (shop/templates/wagtailadmin/) leave a hidden marker instead:
 *   <span hidden data-dastsaz-init="initDateChooser" data-for="id" data-options="{…}">
 *   <span hidden data-dastsaz-init="InlinePanel" data-options="{…}">
 *   <span hidden data-dastsaz-init="chooser" data-constructor="ImageChooser" data-for="id"
 *         data-options="{…}">   (cms/csp.py: Wagtail's chooser widgets)
 * and this file does what the inline script did, for the page as loaded and for forms added
 * later (an inline panel's "add" button).
 */
(function () {
    "use strict";

    var choosers = ["initDateChooser", "initTimeChooser", "initDateTimeChooser"];
    var panels = ["InlinePanel", "MultipleChooserPanel"];

    function start(marker) {
        if (marker.hasAttribute("data-dastsaz-started")) {
            return;
        }
        marker.setAttribute("data-dastsaz-started", "");
        var name = marker.getAttribute("data-dastsaz-init");
        var options = JSON.parse(marker.getAttribute("data-options") || "null");
        if (choosers.indexOf(name) !== -1 && typeof window[name] === "function") {
            window[name](marker.getAttribute("data-for"), options);
        } else if (panels.indexOf(name) !== -1 && typeof window[name] === "function") {
            new window[name](options); // eslint-disable-line no-new
        } else if (name === "chooser") {
            var constructor = window[marker.getAttribute("data-constructor")];
            if (typeof constructor === "function") {
                new constructor(marker.getAttribute("data-for"), options); // eslint-disable-line no-new
            }
        }
    }

    function startAll(root) {
        if (root.matches && root.matches("[data-dastsaz-init]")) {
            start(root);
        }
        if (root.querySelectorAll) {
            root.querySelectorAll("[data-dastsaz-init]").forEach(start);
        }
    }

    function watch() {
        startAll(document);
        new MutationObserver(function (changes) {
            changes.forEach(function (change) {
                change.addedNodes.forEach(startAll);
            });
        }).observe(document.body, {childList: true, subtree: true});
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", watch);
    } else {
        watch();
    }
}());
