// Peersøg's niceties: everything works without this file. It copies citations, keeps the
// upload token in this tab only (sessionStorage, never a URL or a cookie), and lets the keys
// j/k move between results and "/" jump to the search box.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  for (const button of document.querySelectorAll("button.copy[data-citation]")) {
    button.addEventListener("click", async () => {
      const citation = button.dataset.citation;
      try {
        await navigator.clipboard.writeText(citation);
      } catch {
        const area = document.createElement("textarea");
        area.value = citation;
        document.body.append(area);
        area.select();
        document.execCommand("copy");
        area.remove();
      }
      button.classList.add("done");
      button.textContent = "Kopieret";
      setTimeout(() => { button.classList.remove("done"); button.textContent = "Kopiér citat"; }, 2000);
    });
  }
  const token = document.getElementById("token");
  if (token) {
    token.value = sessionStorage.getItem("peersearch-token") || "";
    token.form.addEventListener("submit", () => sessionStorage.setItem("peersearch-token", token.value));
  }
  const sort = document.getElementById("sortering");
  if (sort) sort.addEventListener("change", () => sort.form.submit());
  const hits = [...document.querySelectorAll(".hit h2 a")];
  let current = -1;
  document.addEventListener("keydown", (event) => {
    const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName);
    if (event.key === "/" && !typing) { event.preventDefault(); document.getElementById("q").focus(); return; }
    if (typing || !hits.length || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === "j" || event.key === "k") {
      current = Math.max(0, Math.min(hits.length - 1, current + (event.key === "j" ? 1 : -1)));
      hits[current].focus();
    }
  });
});
