// /for-career-offices/: the sample funnel drawn by the dashboard's own chart code, so its stages,
// words and look are the real /careers/ ones. The numbers are the page's sample table's.
import { barChart } from "./careers_charts.js";

const holder = document.querySelector("[data-sample-funnel]");
if (holder) {
  const rows = [...holder.querySelectorAll("tbody tr")].map((row) => {
    const raw = row.querySelector("td").dataset.value;
    return { label: row.querySelector("th").textContent, value: raw === "" ? null : Number(raw) };
  });
  const figure = barChart({ id: "sample-funnel", title: holder.querySelector("h3").textContent, rows, columns: ["Step", "Students"] });
  holder.replaceWith(figure);
}
