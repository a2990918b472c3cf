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
