// /ledger/: the signed-in person's money movements, newest first, a page at a time.
import { api, escapeHtml } from "./api.js";

const root = document.querySelector("[data-ledger]");
const list = root.querySelector("[data-ledger-list]");
const status = root.querySelector("[data-ledger-status]");
const empty = root.querySelector("[data-ledger-empty]");
const more = root.querySelector("[data-ledger-more]");
const errorBox = root.querySelector("[data-form-error]");
let next = "me/ledger/";

function money(amount, currency) {
  const formatted = new Intl.NumberFormat(undefined, { style: "currency", currency: currency.toUpperCase() })
    .format(Math.abs(amount) / 100);
  return amount < 0 ? `−${formatted}` : `+${formatted}`;
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });

function row(entry) {
  const direction = entry.amount < 0 ? "out" : "in";
  const when = new Date(entry.created_at);
  return `<li class="ledger-row">
    <div class="ledger-main">
      <span class="badge ${direction === "in" ? "badge-success" : "badge-muted"}">${escapeHtml(entry.kind_label)}</span>
      <p class="ledger-description">${escapeHtml(entry.description)}</p>
      <p class="ledger-meta muted">
        <time datetime="${escapeHtml(entry.created_at)}">${escapeHtml(dateFormat.format(when))}</time>
        · <a href="/engagements/${Number(entry.engagement_id)}/">${escapeHtml(entry.task_title)}</a>
        ${entry.receipt ? `· Receipt <code>${escapeHtml(entry.receipt)}</code>` : ""}
      </p>
    </div>
    <p class="ledger-amount ledger-${direction}">
      <span class="visually-hidden">${direction === "in" ? "Received" : "Paid"}</span>
      ${escapeHtml(money(entry.amount, entry.currency))}
    </p>
  </li>`;
}

async function loadPage() {
  more.disabled = true;
  try {
    const page = await api(next);
    list.insertAdjacentHTML("beforeend", page.results.map(row).join(""));
    next = page.next;
    const any = list.children.length > 0;
    list.hidden = !any;
    empty.hidden = any;
    status.textContent = any ? `${list.children.length} entries shown.` : "";
    status.classList.toggle("visually-hidden", any);
    more.hidden = !next;
  } catch (error) {
    status.textContent = "";
    errorBox.textContent = error.message || "Your ledger could not be loaded.";
    errorBox.hidden = false;
  } finally {
    more.disabled = false;
  }
}

more.addEventListener("click", loadPage);
loadPage();
