// /accounts/email/: each address's Remove asks first in the site's dialog (the page is allauth's
// plain form posts; this only adds the question). Without the script, Remove posts at once.
import { confirmAct } from "./dialog.js";

for (const form of document.querySelectorAll("form[data-remove-email]")) {
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const address = form.dataset.removeEmail;
    const asked = await confirmAct({
      title: `Remove ${address}?`,
      body: "You can no longer sign in with it, and it no longer counts for your profile. You can add it again later.",
      confirm: "Remove the address",
      danger: true,
    });
    if (asked) form.submit();
  });
}
