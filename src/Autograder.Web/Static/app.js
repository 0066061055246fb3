// The pages' few lines of script: math typesetting, answer previews through the parse route, drafts, the timer and the code editor.
(function () {
  "use strict";
  const token = document.querySelector('meta[name="antiforgery"]')?.content ?? "";
  const typeset = root => window.renderMathInElement?.(root, {
    delimiters: [
      { left: "\\[", right: "\\]", display: true }, { left: "\\(", right: "\\)", display: false },
      { left: "$$", right: "$$", display: true }, { left: "$", right: "$", display: false },
    ],
    throwOnError: false,
  });
  typeset(document.body);

  const form = document.getElementById("exam-form");
  if (!form) return;
  const api = `/api/v1/courses/${encodeURIComponent(form.dataset.course)}/exams/${encodeURIComponent(form.dataset.exam)}`;
  const send = (method, url, body) => fetch(url, {
    method, credentials: "same-origin",
    headers: { "Content-Type": "application/json", "RequestVerificationToken": token },
    body: JSON.stringify(body),
  });
  const debounce = (fn, ms) => { let t; return (...a) => { clearTimeout(t); t = setTimeout(() => fn(...a), ms); }; };

  const valueOf = part => {
    const boxes = [...part.querySelectorAll("input[type=radio], input[type=checkbox]")];
    if (boxes.length) return boxes.filter(b => b.checked).map(b => b.value).join(", ");
    return part.querySelector(".answer")?.value ?? "";
  };
  const answers = () => {
    const all = {};
    for (const part of form.querySelectorAll(".part")) {
      const value = valueOf(part);
      if (value === "") continue;
      (all[part.dataset.problem] ??= {})[part.dataset.part] = value;
    }
    return all;
  };

  const preview = async part => {
    const out = part.querySelector("output.preview");
    const value = valueOf(part);
    if (part.dataset.type === "code" || part.dataset.type === "manual") return;
    if (value.trim() === "") { out.textContent = ""; out.className = "preview"; return; }
    const response = await send("POST", `${api}/parse`, { problem: part.dataset.problem, part: part.dataset.part, answer: value });
    if (response.status === 429) { out.textContent = "Slow down a little: previews resume in a moment."; return; }
    if (!response.ok) return;
    const parsed = await response.json();
    out.className = parsed.ok ? "preview ok" : "preview bad";
    out.textContent = parsed.ok ? "Understood as: " : parsed.error;
    if (parsed.ok) {
      const shown = document.createElement("span");
      if (parsed.understood_latex && window.katex) window.katex.render(parsed.understood_latex, shown, { throwOnError: false });
      else shown.textContent = parsed.understood;
      out.appendChild(shown);
    }
  };

  const saved = document.getElementById("saved");
  const save = async () => {
    if (form.dataset.open !== "true") return;
    const response = await send("PUT", `${api}/draft`, { answers: answers() });
    if (response.ok) {
      const at = new Date((await response.json()).saved_at);
      saved.textContent = `Draft saved ${at.toISOString().substring(11, 19)} UTC`;
    } else if (response.status === 409) {
      saved.textContent = (await response.json()).detail ?? "The exam is closed.";
    } else {
      saved.textContent = "Could not save the draft; check your connection.";
    }
  };
  const saveSoon = debounce(save, 800);

  for (const part of form.querySelectorAll(".part")) {
    const previewSoon = debounce(() => preview(part), 300);
    part.addEventListener("input", () => { previewSoon(); saveSoon(); });
    part.addEventListener("change", () => { previewSoon(); saveSoon(); });
    if (valueOf(part) !== "") preview(part);
  }
  document.getElementById("save")?.addEventListener("click", save);
  for (const area of form.querySelectorAll("textarea.code")) window.autograderEditor?.attach(area);

  // One submission per page, however often the button is pressed.
  form.addEventListener("submit", () => { document.getElementById("submit")?.setAttribute("disabled", "disabled"); });

  const timer = document.getElementById("timer");
  if (timer) {
    const deadline = new Date(timer.dataset.deadline);
    let savedAtEnd = false;
    const tick = () => {
      const left = Math.max(0, Math.floor((deadline - Date.now()) / 1000));
      const h = Math.floor(left / 3600), m = Math.floor(left % 3600 / 60), s = left % 60;
      timer.textContent = `Time left ${h > 0 ? h + ":" : ""}${String(m).padStart(2, "0")}:${String(s).padStart(2, "0")}`;
      timer.classList.toggle("low", left < 300);
      if (left <= 3 && !savedAtEnd) { savedAtEnd = true; save(); }
      if (left === 0) {
        timer.textContent = "Time is up: your saved answers are being submitted.";
        clearInterval(handle);
        setTimeout(() => window.location.reload(), 4000);
      }
    };
    const handle = setInterval(tick, 1000);
    tick();
  }
})();
