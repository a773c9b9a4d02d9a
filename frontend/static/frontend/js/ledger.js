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


// A receipt people can quote: Slipstream's own number and the date. Stripe's id for the same
// movement stays available (folded) for anyone reconciling with Stripe or asking support.
function receipt(entry) {
  return el("details", { class: "ledger-receipt" },
    el("summary", { text: `Receipt #${entry.id}, ${date(entry.created_at)}` }),
    el("span", { class: "small muted" }, "Stripe reference: ", el("code", { text: entry.receipt })));
}

function row(entry) {
  const direction = entry.amount < 0 ? "out" : "in";
  return el("li", { class: "ledger-row" },
    el("div", { class: "ledger-main" },
      el("span", { class: `badge ${direction === "in" ? "badge-success" : "badge-muted"}`, text: entry.kind_label }),
      el("p", { class: "ledger-description", text: entry.description }),
      el("p", { class: "ledger-meta muted" },
        el("time", { datetime: entry.created_at, text: date(entry.created_at) }),
        " · ", el("a", { href: `/engagements/${Number(entry.engagement_id)}/`, text: entry.task_title }),
        entry.receipt ? [" · ", receipt(entry)] : null)),
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
