// /saved-searches/: list, save and delete saved searches (/api/v1/me/saved-searches/).
import { api, clearErrors, showErrors, showLoadError } from "./api.js";
import { el, emptyState } from "./ui.js";

const form = document.querySelector("[data-saved-search-form]");
const list = document.querySelector("[data-saved-searches]");
const status = document.querySelector("[data-status]");

function browseLink(query) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (["institution_only", "ordering"].includes(key) && !value) continue;
    params.set(key, Array.isArray(value) ? value.join(",") : String(value));
  }
  return `/tasks/?${params}`;
}

function describe(query) {
  const parts = [];
  if (query.q) parts.push(`“${query.q}”`);
  if (query.max_hours) parts.push(`up to ${query.max_hours} h`);
  if (query.remote) parts.push("remote");
  if (query.paid) parts.push("paid");
  return parts.join("\u00a0· ") || "All open tasks";
}

function item(search) {
  const remove = el("button", { type: "button", class: "button-secondary", text: `Delete “${search.name}”` });
  remove.addEventListener("click", async () => {
    await api(`me/saved-searches/${search.id}/`, { method: "DELETE" });
    status.textContent = `Deleted “${search.name}”.`;
    load();
  });
  return el("li", { class: "card" },
    el("h3", {}, el("a", { href: browseLink(search.query), text: search.name })),
    el("p", { class: "muted", text: describe(search.query) }),
    remove);
}

async function load() {
  try {
    const rows = await api("me/saved-searches/");
    list.replaceChildren(...(rows.length ? rows.map(item) : [el("li", {}, emptyState("No saved searches yet."))]));
  } catch (error) {
    showLoadError(error);
  }
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  clearErrors(form);
  const query = { q: form.elements.q.value };
  if (form.elements.max_hours.value) query.max_hours = Number(form.elements.max_hours.value);
  if (form.elements.remote.checked) query.remote = true;
  if (form.elements.paid.checked) query.paid = true;
  try {
    const saved = await api("me/saved-searches/", { method: "POST", body: { name: form.elements.name.value, query } });
    status.textContent = `Saved “${saved.name}”. New matches arrive in your daily e-mail.`;
    form.reset();
    load();
  } catch (error) {
    showErrors(form, error);
  }
});

load();
