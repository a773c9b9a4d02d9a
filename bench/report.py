"""The Markdown summary of a bench run: per-read tables, growth, throughput, Lighthouse."""

from typing import Any


def _cpu(read: dict[str, Any]) -> str:
    """Median CPU ms of the read and of its floor: steadier than wall time on a shared machine
    (results written before bench/measure.py recorded it have none)."""
    if "cpu_ms" not in read:
        return "—"
    return f"{read['cpu_ms']:.1f}, {read['floor_cpu_ms']:.1f} ms"


def _reads_table(run: dict[str, Any]) -> list[str]:
    lines = [
        f"### {run['database']}, {run['size']} ({run['requests']} requests a read)",
        "",
        "| read | median | p95 | queries | floor median | ratio | target | CPU, floor CPU |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in run["reads"]:
        mark = "" if r["ratio"] <= r["target"] else " ✗"
        fewer = "" if r["requests"] == run["requests"] else f" ({r['requests']} requests)"
        lines.append(
            f"| {r['read']}{fewer} | {r['median_ms']:.1f} ms | {r['p95_ms']:.1f} ms "
            f"| {r['queries']} "
            f"| {r['floor_median_ms']:.1f} ms | {r['ratio']:.2f}×{mark} | ≤ {r['target']} "
            f"| {_cpu(r)} |"
        )
    return [*lines, ""]


def _growth(runs: list[dict[str, Any]]) -> list[str]:
    by_db: dict[str, dict[str, dict]] = {}
    for run in runs:
        by_db.setdefault(run["database"], {})[run["size"]] = run
    lines = []
    for database, sizes in by_db.items():
        if "small" not in sizes or "large" not in sizes:
            continue
        small = {r["read"]: r for r in sizes["small"]["reads"]}
        lines += [
            f"### Growth large / small, {database} (target ≤ 1.5)",
            "",
            "| read | small | large | growth | queries small → large |",
            "|---|---:|---:|---:|---|",
        ]
        for r in sizes["large"]["reads"]:
            s = small.get(r["read"])
            if s:
                growth = r["median_ms"] / s["median_ms"]
                mark = "" if growth <= 1.5 else " ✗"
                lines.append(
                    f"| {r['read']} | {s['median_ms']:.1f} ms | {r['median_ms']:.1f} ms "
                    f"| {growth:.2f}×{mark} | {s['queries']} → {r['queries']} |"
                )
        lines.append("")
    return lines


def _throughput(name: str, result: dict[str, Any]) -> list[str]:
    lines = [
        f"### Throughput, {name.removeprefix('throughput-')} "
        f"(gunicorn -w 2, wrk {result['wrk']}, {result['size']})",
        "",
        "| endpoint | requests/s | ratio to trivial view | p50 | p99 |",
        "|---|---:|---:|---:|---:|",
    ]
    latency = result.get("latency_ms", {})
    for endpoint, rps in result["rps"].items():
        ratio = rps / result["rps"]["trivial view"]
        shown = latency.get(endpoint)
        times = f"{shown['p50']:.1f} ms | {shown['p99']:.1f} ms" if shown else "— | —"
        lines.append(f"| {endpoint} | {rps:,.0f} | {ratio:.2f} | {times} |")
    return [*lines, ""]


def _lighthouse(result: dict[str, Any]) -> list[str]:
    lines = [
        f"### Lighthouse {result['version']} (desktop, no throttling, {result['size']})",
        "",
        "| page | performance | accessibility | best practices | transferred |",
        "|---|---:|---:|---:|---:|",
    ]

    def score(value: float | None) -> str:
        return "not measured" if value is None else f"{value:.2f}"

    for page, r in result["pages"].items():
        error = f" ({r['runtime_error']})" if r.get("runtime_error") else ""
        lines.append(
            f"| {page}{error} | {score(r['performance'])} | {score(r['accessibility'])} "
            f"| {score(r['best_practices'])} | {r['bytes'] / 1024:.0f} KB |"
        )
    return [*lines, ""]


def markdown(summary: dict[str, Any]) -> str:
    lines = ["## Bench results", "", f"Machine: {summary['machine']}", ""]
    for run in summary["runs"]:
        lines += _reads_table(run)
    lines += _growth(summary["runs"])
    for key, value in summary.items():
        if key.startswith("throughput-"):
            lines += _throughput(key, value)
    if "lighthouse" in summary:
        lines += _lighthouse(summary["lighthouse"])
    return "\n".join(lines)
