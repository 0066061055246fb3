// The grading page's keys and live total: digits toggle rubric items, c focuses the comment, s saves and goes next.
(function () {
  "use strict";
  for (const el of document.querySelectorAll(".math[data-latex]")) {
    window.katex?.render(el.dataset.latex, el, { throwOnError: false });
  }
  const form = document.getElementById("grade-form");
  if (!form) return;
  const items = [...form.querySelectorAll("input.rubric-item")];
  const total = document.getElementById("total");
  const adjustment = document.getElementById("adjustment");
  const score = document.getElementById("score");
  const floor = Number(form.dataset.floor), ceiling = Number(form.dataset.ceiling);
  const round = x => Math.round(x * 100) / 100;
  const update = () => {
    let sum;
    if (form.dataset.rubric === "true") {
      sum = items.filter(i => i.checked).reduce((a, i) => a + Number(i.dataset.points), 0) + (Number(adjustment?.value) || 0);
    } else {
      sum = Number(score?.value) || 0;
    }
    total.textContent = String(round(Math.min(ceiling, Math.max(floor, sum))));
  };
  form.addEventListener("input", update);
  form.addEventListener("change", update);
  update();

  const typing = t => t instanceof HTMLTextAreaElement || t instanceof HTMLSelectElement
    || (t instanceof HTMLInputElement && !["checkbox", "radio", "submit", "button"].includes(t.type));
  document.addEventListener("keydown", e => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (typing(e.target)) {
      if (e.key === "Escape") e.target.blur();
      return;
    }
    if (/^[1-9]$/.test(e.key) && items[Number(e.key) - 1]) {
      const item = items[Number(e.key) - 1];
      item.checked = !item.checked;
      update();
      e.preventDefault();
    } else if (e.key === "c") {
      document.getElementById("comment")?.focus();
      e.preventDefault();
    } else if (e.key === "s") {
      document.getElementById("save-next")?.click();
      e.preventDefault();
    }
  });
})();
