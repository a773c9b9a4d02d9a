// /careers/settings/ Disclosure log: the last 10 lines of what reached the office, grouped on the
// server by day, reader and kind of read (careers/disclosures/days/): one dashboard visit is one
// line, not five raw rows. The raw rows stay in the CSV download.
import { api } from "./api.js";
import { date, el, timeWithZone } from "./ui.js";

const LOG_LINES = 10;

// "7 Dec 2026, 3 times (last at 14:05 UTC)"; once, just the time.
export function when(line) {
  const last = new Date(line.last_at);
  const at = timeWithZone(last);
  return line.count === 1 ? `${date(last)}, at ${at}` : `${date(last)}, ${line.count} times (last at ${at})`;
}

// Pages are whole days (a week each): a quiet week may hold fewer than 10 lines.
async function lastLines() {
  let page = await api("careers/disclosures/days/");
  const lines = [...page.results];
  while (lines.length < LOG_LINES && page.next) {
    page = await api(page.next);
    lines.push(...page.results);
  }
  return lines.slice(0, LOG_LINES);
}

export async function loadLog() {
  const lines = await lastLines();
  const body = document.querySelector("[data-log]");
  if (!lines.length) {
    body.replaceChildren(el("tr", {}, el("td", { colspan: 3, text: "Nothing yet: no student data has reached your office. Each time it does (on the dashboard, in a download or through an API key), it is listed here." })));
    return;
  }
  body.replaceChildren(...lines.map((line) => el("tr", { "data-log-row": true },
    el("td", { "data-label": "Who", text: line.by.kind === "api_key" ? `API key: ${line.by.name}` : line.by.name }),
    el("td", { "data-label": "What", text: line.what }),
    el("td", { "data-label": "When" }, el("time", { datetime: line.last_at, text: when(line) })))));
}
