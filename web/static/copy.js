/* Copy-to-clipboard for citation blocks: the only script, loaded as a file so the
   Content-Security-Policy can forbid inline scripts. Without it the buttons stay hidden
   and the citation text can be selected and copied by hand. */
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
        button.classList.add("copied");
      }, function () {
        button.textContent = button.getAttribute("data-failed-label") || label;
      });
    });
  }

  document.querySelectorAll("button[data-copy-target]").forEach(enable);
})();
