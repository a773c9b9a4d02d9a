// /ledger/: the signed-in person's money movements, newest first, a page at a time.
import { api, showErrors } from "./api.js";
import { date, el, plural } from "./ui.js";

const root = document.querySelector("[data-ledger]");
const list = root.querySelector("[data-ledger-list]");
const status = root.querySelector("[data-ledger-status]");
const empty = root.querySelector("[data-ledger-empty]");
const more = root.querySelector("[data-ledger-more]");
let next = "me/ledger/";

function money(amount, currency) {
  const formatted = new Intl.NumberFormat(undefined, { style: "currency", currency: currency.toUpperCase() })
    .format(Math.abs(amount) / 100);
  return amount < 0 ? `−${formatted}` : `+${formatted}`;
}


// A receipt people can quote: its own number (random, SLP-<year>-<code>), opening the printable
// receipt. Stripe's id for the same movement stays available (folded) for anyone reconciling
// with Stripe or asking support.
function receipt(entry) {
  return [
    el("a", { href: entry.receipt_url, class: "ledger-receipt-link", "data-receipt-link": true, text: `Receipt ${entry.reference}` }),
    entry.receipt ? [" · ", el("details", { class: "ledger-receipt" },
      el("summary", { text: "Stripe reference" }),
      el("span", { class: "small muted" }, el("code", { text: entry.receipt })))] : null,
  ];
}

// The entry's words with its task's title, said once, as the link to the engagement.
function description(entry) {
  const href = `/engagements/${Number(entry.engagement_id)}/`;
  const quoted = `“${entry.task_title}”`;
  const at = entry.description.indexOf(quoted);
  if (at < 0) return [entry.description, " · ", el("a", { href, text: entry.task_title })];
  return [entry.description.slice(0, at), el("a", { href, text: quoted }), entry.description.slice(at + quoted.length)];
}

function row(entry) {
  const direction = entry.amount < 0 ? "out" : "in";
  return el("li", { class: "ledger-row", "data-ledger-entry": entry.id },
    el("div", { class: "ledger-main" },
      el("span", { class: `badge ${direction === "in" ? "badge-success" : "badge-muted"}`, text: entry.kind_label }),
      el("p", { class: "ledger-description" }, ...description(entry)),
      el("p", { class: "ledger-meta muted" },
        el("time", { datetime: entry.created_at, text: date(entry.created_at) }),
        entry.reference ? [" · ", ...receipt(entry)] : null)),
    el("p", { class: `ledger-amount ledger-${direction}` },
      el("span", { class: "visually-hidden", text: direction === "in" ? "Received" : "Paid" }),
      " ", money(entry.amount, entry.currency)));
}

async function loadPage() {
  more.disabled = true;
  try {
    const page = await api(next);
    const before = list.children.length;
    list.append(...page.results.map(row));
    next = page.next;
    const any = list.children.length > 0;
    list.hidden = !any;
    empty.hidden = any;
    status.textContent = any ? `${plural(list.children.length, "entry", "entries")} shown.` : "";
    status.classList.toggle("visually-hidden", any);
    more.hidden = !next;
    more.disabled = false;
    // After "Show older entries", focus stays on the button, or moves to the first entry it
    // added once there is nothing older.
    if (before && !more.hidden) more.focus();
    else if (before && list.children[before]) {
      list.children[before].tabIndex = -1;
      list.children[before].focus();
    }
  } catch (error) {
    status.textContent = "";
    showErrors(root, error);
  } finally {
    more.disabled = false;
  }
}

// The total row: every entry summed per currency (GET /api/v1/me/ledger/totals/), whatever page
// is shown; with a CSV of the same entries for the person's own accounts.
async function loadTotals() {
  const totals = await api("me/ledger/totals/");
  const box = root.querySelector("[data-ledger-totals]");
  root.querySelector("[data-ledger-download]").hidden = !totals.length;
  box.hidden = !totals.length;
  box.replaceChildren(...totals.flatMap((t) => [
    el("dt", { text: totals.length > 1 ? `Total in ${t.currency.toUpperCase()} (${plural(t.entries, "entry", "entries")})` : `Total (${plural(t.entries, "entry", "entries")})` }),
    el("dd", {},
      el("span", { class: "ledger-amount", "data-ledger-net": true, text: money(t.net, t.currency) }),
      el("span", { class: "muted small", text: ` · paid ${money(t.money_out, t.currency)} · received ${money(t.money_in, t.currency)}` })),
  ]));
}

more.addEventListener("click", loadPage);
loadPage();
loadTotals().catch(() => {});  // the list stands without its total
