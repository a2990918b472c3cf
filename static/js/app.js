// Small behaviours for server-rendered pages; no inline scripts are allowed by the CSP.
document.addEventListener("submit", (event) => {
  const message = event.target.dataset.confirm;
  if (message && !window.confirm(message)) {
    event.preventDefault();
    return;
  }
  // A second click while the page is sending would submit the form again.
  const button = event.submitter;
  if (button) {
    setTimeout(() => { button.disabled = true; }, 0);
  }
});

document.addEventListener("change", (event) => {
  if (event.target.matches("[data-autosubmit]")) {
    event.target.form.requestSubmit();
  }
});

// A page that opens with an error summary puts the keyboard and screen reader there.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelector("[data-autofocus]")?.focus();
});

// An answered question stops showing the error it had before the answer.
document.addEventListener("change", (event) => {
  const question = event.target.closest(".survey-question.has-error");
  if (question) {
    question.classList.remove("has-error");
    question.querySelectorAll(".invalid-feedback").forEach((message) => message.remove());
    question.querySelectorAll(".is-invalid").forEach((input) => input.classList.remove("is-invalid"));
    question.querySelectorAll("[aria-invalid]").forEach((input) => input.removeAttribute("aria-invalid"));
  }
});

// A long list of people to tick gets a search box above it: typing hides the others.
document.addEventListener("DOMContentLoaded", () => {
  const fold = (text) => text.toLowerCase().replaceAll("ё", "е");
  document.querySelectorAll(".people-choices fieldset").forEach((fieldset) => {
    const rows = fieldset.querySelectorAll(".form-check");
    if (rows.length < 10) {
      return;
    }
    const search = document.createElement("input");
    search.type = "search";
    search.className = "form-control form-control-sm mb-2";
    search.placeholder = "Найти по фамилии или классу";
    search.setAttribute("aria-label", `Найти: ${fieldset.querySelector("legend").textContent.trim()}`);
    rows[0].parentElement.before(search);
    search.addEventListener("input", () => {
      const words = fold(search.value).split(/\s+/).filter(Boolean);
      rows.forEach((row) => {
        const text = fold(row.textContent);
        row.hidden = !words.every((word) => text.includes(word));
      });
    });
  });
});
