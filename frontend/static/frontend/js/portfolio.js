// /settings/portfolio/: add (with upload progress), reorder with buttons, delete.
import { api, clearErrors, escapeHtml, showErrors } from "./api.js";
import { uploadPortfolioItem } from "./portfolio-upload.js";

const form = document.querySelector("[data-portfolio-form]");
const list = document.querySelector("[data-portfolio-list]");
const empty = document.querySelector("[data-portfolio-empty]");
const status = document.querySelector("[data-list-status]");
const quota = document.querySelector("[data-quota]");
let items = [];

function sizeLabel(bytes) {
  return bytes > 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

function render(focusId, focusAction) {
  list.replaceChildren();
  empty.hidden = items.length > 0;
  quota.textContent = `(${items.length} of 50)`;
  items.forEach((item, index) => {
    const li = document.createElement("li");
    li.className = "card portfolio-item";
    const title = escapeHtml(item.title);
    const evidence = [];
    if (item.link) evidence.push(`<a href="${escapeHtml(item.link)}" rel="nofollow noopener" target="_blank">Link<span class="visually-hidden"> for ${title}</span></a>`);
    if (item.file) evidence.push(`<a href="${escapeHtml(item.file.url)}">${escapeHtml(item.file.name)}</a> <span class="muted">(${item.file.kind.toUpperCase()}, ${sizeLabel(item.file.size)})</span>`);
    li.innerHTML = `
      <div class="portfolio-item-body">
        <h3>${title}</h3>
        <p class="muted">${item.visibility === "public" ? "Public" : "Only with my applications"}</p>
        ${item.description ? `<p class="description"></p>` : ""}
        <p>${evidence.join(" · ")}</p>
      </div>
      <div class="portfolio-item-actions">
        <button type="button" class="button-secondary button-small" data-action="up" ${index === 0 ? "disabled" : ""}>Move up<span class="visually-hidden">: ${title}</span></button>
        <button type="button" class="button-secondary button-small" data-action="down" ${index === items.length - 1 ? "disabled" : ""}>Move down<span class="visually-hidden">: ${title}</span></button>
        <button type="button" class="button-secondary button-small" data-action="delete">Delete<span class="visually-hidden">: ${title}</span></button>
      </div>`;
    if (item.description) li.querySelector(".description").textContent = item.description;
    li.querySelectorAll("[data-action]").forEach((button) => {
      button.addEventListener("click", () => act(item.id, button.dataset.action));
    });
    li.dataset.id = item.id;
    list.append(li);
  });
  if (focusId) {
    const target = list.querySelector(`[data-id="${focusId}"] [data-action="${focusAction}"]:not([disabled])`)
      || list.querySelector(`[data-id="${focusId}"] button:not([disabled])`);
    target?.focus();
  }
}

async function act(id, action) {
  const index = items.findIndex((item) => item.id === id);
  try {
    if (action === "delete") {
      if (!window.confirm(`Delete “${items[index].title}”? This cannot be undone.`)) return;
      await api(`me/portfolio/${id}/`, { method: "DELETE" });
      items.splice(index, 1);
      status.textContent = "Deleted.";
      render();
      return;
    }
    const swap = action === "up" ? index - 1 : index + 1;
    const order = items.map((item) => item.id);
    [order[index], order[swap]] = [order[swap], order[index]];
    items = await api("me/portfolio/reorder/", { method: "POST", body: { item_ids: order } });
    status.textContent = `Moved “${items[swap].title}” to position ${swap + 1}.`;
    render(id, action);
  } catch (error) {
    status.textContent = error.message;
  }
}

async function load() {
  const page = await api("me/portfolio/?page_size=50");
  items = page.results;
  render();
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  clearErrors(form);
  try {
    const item = await uploadPortfolioItem(form);
    items.push(item);
    form.reset();
    status.textContent = `Added “${item.title}”.`;
    render();
  } catch (error) {
    showErrors(form, error);
  }
});

load();
