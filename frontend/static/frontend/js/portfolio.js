// /settings/portfolio/: add (with upload progress), reorder with buttons, delete.
import { allPages, api, clearErrors, errorText, showErrors, showLoadError, siteConfig } from "./api.js";
import { showUploadLimits, uploadPortfolioItem } from "./portfolio-upload.js";
import { announce, el, fill } from "./ui.js";

const form = document.querySelector("[data-portfolio-form]");
const list = document.querySelector("[data-portfolio-list]");
const empty = document.querySelector("[data-portfolio-empty]");
const status = document.querySelector("[data-list-status]");
const quota = document.querySelector("[data-quota]");
let items = [];

function sizeLabel(bytes) {
  return bytes > 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

let maxItems = null;

function actionButton(item, action, label, disabled = false) {
  return el("button", { type: "button", class: "button-secondary button-small", "data-action": action, disabled, onclick: () => act(item.id, action) },
    label, el("span", { class: "visually-hidden", text: `: ${item.title}` }));
}

function itemCard(item, index) {
  const evidence = [
    item.link ? el("a", { href: item.link, rel: "nofollow noopener", target: "_blank" }, "Link", el("span", { class: "visually-hidden", text: ` for ${item.title}` })) : null,
    item.file ? [el("a", { href: item.file.url, text: item.file.name }), " ", el("span", { class: "muted", text: `(${item.file.kind.toUpperCase()}, ${sizeLabel(item.file.size)})` })] : null,
  ].filter(Boolean);
  return el("li", { class: "card portfolio-item", "data-id": String(item.id) },
    el("div", { class: "portfolio-item-body" },
      el("h3", { text: item.title }),
      el("p", { class: "muted", text: item.visibility === "public" ? "Public" : "Only with my applications" }),
      item.description ? el("p", { class: "description", text: item.description }) : null,
      el("p", {}, evidence.flatMap((part, i) => (i ? ["\u00a0· ", part] : [part])))),
    el("div", { class: "portfolio-item-actions" },
      actionButton(item, "up", "Move up", index === 0),
      actionButton(item, "down", "Move down", index === items.length - 1),
      actionButton(item, "delete", "Delete")));
}

function render(focusId, focusAction) {
  empty.hidden = items.length > 0;
  quota.textContent = maxItems ? `(${items.length} of ${maxItems})` : `(${items.length})`;
  fill(list, items.map(itemCard));
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
      const [{ title }] = items.splice(index, 1);
      render();
      announce(status, `Deleted “${title}”.`);
      return;
    }
    const swap = action === "up" ? index - 1 : index + 1;
    const order = items.map((item) => item.id);
    [order[index], order[swap]] = [order[swap], order[index]];
    items = await api("me/portfolio/reorder/", { method: "POST", body: { item_ids: order } });
    status.textContent = `Moved “${items[swap].title}” to position ${swap + 1}.`;
    render(id, action);
  } catch (error) {
    announce(status, `That did not work. ${errorText(error)}`);
  }
}

async function load() {
  items = await allPages("me/portfolio/");
  const config = await siteConfig();
  maxItems = config?.portfolio_max_items ?? null;
  render();
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  clearErrors(form);
  try {
    const item = await uploadPortfolioItem(form);
    items.push(item);
    form.reset();
    render();
    announce(status, `Added “${item.title}”.`);
  } catch (error) {
    showErrors(form, error);
  }
});

showUploadLimits(form);
load().catch((error) => showLoadError(error, status));
