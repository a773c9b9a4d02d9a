// /impact/: GET /api/v1/me/impact/ — the people a mentor helped, what they did next (only what
// each chose to share), thanks, the pay-it-forward chain, and the public opt-in (PATCH).
import { api, errorText, showLoadError } from "./api.js";
import { date, el, emptyState, fill, plural } from "./ui.js";

const root = document.querySelector("[data-impact-page]");
const status = root.querySelector("[data-status]");
const toggle = root.querySelector("#show-chain");
const toggleStatus = root.querySelector("[data-public-status]");

function total(count, text) {
  return el("li", { class: "card impact-total" }, el("strong", { text: String(count) }), text);
}

function drafterRow(row) {
  const name = row.drafter.display_name;
  return el("li", { class: "card impact-drafter" },
    el("h3", {}, el("a", { href: `/u/${row.drafter.handle}/`, text: name })),
    el("p", { class: "muted small", text: row.tasks.join("\u00a0· ") }),
    row.since_helped ? el("p", { text: `You helped ${name}; ${name} has since helped ${plural(row.since_helped, "person", "people")}.` }) : null,
    row.what_next.length
      ? el("ul", { "aria-label": `What ${name} did next` }, row.what_next.map((r) => el("li", {},
        r.outcomes.length ? el("strong", { text: r.outcomes.join(", ") }) : null,
        r.note ? ` “${r.note}”` : null,
        el("span", { class: "muted small", text: `\u00a0· ${date(r.created_at)}` }))))
      : el("p", { class: "muted small", text: "Nothing shared with you yet." }));
}

function render(data) {
  fill(root.querySelector("[data-totals]"),
    total(data.helped_count, data.helped_count === 1 ? "person helped through a completed draft" : "people helped through completed drafts"),
    total(data.chain_count, "more helped since by the people you helped"));
  fill(root.querySelector("[data-drafters]"), data.drafters.length
    ? data.drafters.map(drafterRow)
    : el("li", {}, emptyState("Nobody yet. Post an overflow task and your first completed draft shows here.", { href: "/tasks/new/", text: "Post a task" })));
  fill(root.querySelector("[data-thanks]"), data.thanks.length
    ? data.thanks.map((t) => el("li", { class: "card" },
      el("blockquote", { class: "thanks-quote", text: `“${t.body.trim()}”` }),
      el("p", { class: "muted small" }, el("a", { href: `/u/${t.sender.handle}/`, text: t.sender.display_name }), `\u00a0· ${t.task_title}\u00a0· ${date(t.created_at)}`)))
    : el("li", { class: "muted", text: "No thanks yet." }));
  toggle.checked = data.show_chain_publicly;
  root.querySelector("[data-impact]").hidden = false;
  status.hidden = true;
}

toggle.addEventListener("change", async () => {
  try {
    render(await api("me/impact/", { method: "PATCH", body: { show_chain_publicly: toggle.checked } }));
    toggleStatus.textContent = toggle.checked ? "Shown on your profile." : "Hidden from your profile.";
  } catch (error) {
    toggle.checked = !toggle.checked;
    toggleStatus.textContent = errorText(error);
  }
});

api("me/impact/").then(render).catch((error) => showLoadError(error, status));
