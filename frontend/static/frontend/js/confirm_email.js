// The "confirm your e-mail address" page: send the link again, or correct a mistyped address
// (PUT /api/v1/me/email/), which sends the link to the new one.
import { api, clearErrors, showErrors } from "./api.js";
import { announce } from "./ui.js";

const root = document.querySelector("[data-confirm-email]");
const status = root.querySelector("[data-confirm-status]");
const resendForm = root.querySelector("[data-resend-form]");
const changeForm = root.querySelector("[data-change-form]");

function confirmed(result) {
  if (!result.verified) return false;
  announce(status, "Your address is already confirmed.", { href: "/welcome/", text: "Set up your profile" });
  return true;
}

resendForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  clearErrors(resendForm);
  try {
    const result = await api("me/email/resend/", { method: "POST" });
    if (confirmed(result)) return;
    announce(status, result.sent
      ? `We sent a new link to ${result.email}.`
      : `We sent a link to ${result.email} a moment ago and it still works. You can ask for another in a few minutes.`);
  } catch (error) {
    showErrors(resendForm, error);
  }
});

changeForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  clearErrors(changeForm);
  const email = changeForm.elements.email.value.trim();
  if (!email) {
    showErrors(changeForm, { message: "Type the address you meant.", fields: { email: ["Type the address you meant."] } });
    return;
  }
  try {
    const result = await api("me/email/", { method: "PUT", body: { email } });
    root.querySelectorAll("[data-current-email]").forEach((node) => { node.textContent = result.email; });
    changeForm.reset();
    announce(status, `Done: we sent a new link to ${result.email}. The old address will not work.`);
  } catch (error) {
    showErrors(changeForm, error);
  }
});
