/* The only script, loaded as a file so the Content-Security-Policy can forbid inline
   scripts. Copy-to-clipboard for citation blocks: without it the buttons stay hidden and
   the citation text can be selected and copied by hand. And the language switch keeps
   the place reached in the page (its #anchor), which the server cannot see. */
(function () {
  "use strict";

  function copyWithSelection(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "offscreen";
    document.body.appendChild(area);
    area.select();
    try {
      return document.execCommand("copy") ? Promise.resolve() : Promise.reject(new Error("copy refused"));
    } catch (error) {
      return Promise.reject(error);
    } finally {
      document.body.removeChild(area);
    }
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () { return copyWithSelection(text); });
    }
    return copyWithSelection(text);
  }

  function enable(button) {
    var target = document.getElementById(button.getAttribute("data-copy-target"));
    if (!target) {
      return;
    }
    var label = button.textContent;
    button.hidden = false;
    button.addEventListener("click", function () {
      copyText(target.textContent.trim()).then(function () {
        button.textContent = button.getAttribute("data-copied-label") || label;
        if (button.hasAttribute("data-copied-name")) {
          button.setAttribute("aria-label", button.getAttribute("data-copied-name"));
        }
        button.classList.add("copied");
      }, function () {
        button.textContent = button.getAttribute("data-failed-label") || label;
      });
    });
  }

  document.querySelectorAll("button[data-copy-target]").forEach(enable);

  function keepPlace() {
    if (!location.hash) {
      return;
    }
    document.querySelectorAll(".language-switch a[hreflang]").forEach(function (link) {
      var url = new URL(link.href, location.href);
      url.hash = location.hash;
      link.href = url.href;
    });
  }

  keepPlace();
  window.addEventListener("hashchange", keepPlace);
})();
