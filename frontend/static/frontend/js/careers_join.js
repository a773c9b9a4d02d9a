// /careers/join/<token>/: accept a colleague's invitation with one click, then go to /careers/.
import { api } from "./api.js";

const root = document.querySelector("[data-careers-join]");
const button = root.querySelector("[data-accept]");
const error = root.querySelector("[data-error]");
const nameField = root.querySelector("[data-name-field]");
const nameInput = root.querySelector("#join-name");
// Staff are shown by name, never by address: the page asks for one if there is none yet.

button.addEventListener("click", async () => {
  button.disabled = true;
  error.hidden = true;
  try {
    if (nameField) {
      const name = nameInput.value.trim();
      if (!name) {
        error.textContent = "Please give your name: colleagues and students will see it.";
        error.hidden = false;
        button.disabled = false;
        nameInput.focus();
        return;
      }
      await api("me/", { method: "PATCH", body: { display_name: name } });
    }
    const joined = await api("me/staff-invitations/accept/", { method: "POST", body: { token: root.dataset.token } });
    if (joined.institution_slug) window.location.assign("/careers/");
  } catch (failure) {
    error.textContent = failure.status === 404 ? "This invitation link is not valid. Ask your colleague to send a new one." : failure.message;
    error.hidden = false;
    button.disabled = false;
  }
});
