// /careers/join/<token>/: accept a colleague's invitation with one click, then go to /careers/.
import { api } from "./api.js";

const root = document.querySelector("[data-careers-join]");
const button = root.querySelector("[data-accept]");
const error = root.querySelector("[data-error]");

button.addEventListener("click", async () => {
  button.disabled = true;
  error.hidden = true;
  try {
    const joined = await api("me/staff-invitations/accept/", { method: "POST", body: { token: root.dataset.token } });
    if (joined.institution_slug) window.location.assign("/careers/");
  } catch (failure) {
    error.textContent = failure.status === 404 ? "This invitation link is not valid. Ask your colleague to send a new one." : failure.message;
    error.hidden = false;
    button.disabled = false;
  }
});
