// Search-box suggestions: crafts, producers and products as the buyer types.
// Without JavaScript the box simply submits a full search.
(function () {
  "use strict";
  document.querySelectorAll("input[data-suggest-url]").forEach(function (input) {
    var list = input.parentNode.querySelector(".suggestions");
    var timer = null;
    var latest = 0;

    function hide() { list.classList.add("d-none"); list.innerHTML = ""; }

    function show(results) {
      list.innerHTML = "";
      results.forEach(function (item) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = item.url;
        a.textContent = item.label;
        a.className = "suggestion suggestion-" + item.kind;
        li.setAttribute("role", "option");
        li.appendChild(a);
        list.appendChild(li);
      });
      list.classList.toggle("d-none", results.length === 0);
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      var text = input.value.trim();
      if (text.length < 2) { hide(); return; }
      timer = setTimeout(function () {
        var request = ++latest;
        fetch(input.dataset.suggestUrl + "?q=" + encodeURIComponent(text))
          .then(function (response) { return response.ok ? response.json() : { results: [] }; })
          .then(function (data) { if (request === latest) { show(data.results); } })
          .catch(hide);
      }, 150);
    });
    input.addEventListener("keydown", function (event) { if (event.key === "Escape") { hide(); } });
    document.addEventListener("click", function (event) { if (!input.parentNode.contains(event.target)) { hide(); } });
  });
})();
