"""Human-readable run summaries: the Prefect artifact (markdown) and the CLI's closing lines."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the pipeline imports the parsers: not needed to print a summary
    from newsquotes.pipeline import RunSummary
    from newsquotes.plan import RunPlan


def _table(header: tuple[str, str], rows: list[tuple[object, object]]) -> list[str]:
    lines = [f"| {header[0]} | {header[1]} |", "|---|---:|"]
    lines += [f"| {a} | {b} |" for a, b in rows]
    return lines


def render_markdown(summary: RunSummary, *, seconds: float) -> str:
    """The run report shown in the Prefect UI."""
    s = summary
    rate = s.chars / seconds / 1e6 if seconds else 0.0
    lines = [
        f"# newsquotes run `{s.run_id}`",
        "",
        f"Raw root `{s.raw_root}` → output `{s.out_root}` (version {s.version}), "
        f"{seconds:.1f} s, {rate:.2f} M characters/s.",
        "",
    ]
    if s.rebuild_reason:
        lines += [f"**Rebuilt from scratch:** {s.rebuild_reason}", ""]
    lines += ["## Counts per stage", ""]
    lines += _table(
        ("stage", "count"),
        [
            ("input files found", s.files_total),
            ("files processed (new or changed)", s.files_processed),
            ("files unchanged (skipped)", s.files_unchanged),
            ("records read", s.records),
            ("articles stored", s.articles),
            ("duplicate articles (stored once)", s.duplicates),
            ("quotes", s.quotes),
            ("rejects", s.rejects),
        ],
    )
    lines += ["", "## Rejects by reason", ""]
    if s.rejects_by_reason:
        lines += _table(
            ("reason", "records"),
            sorted(s.rejects_by_reason.items(), key=lambda kv: (-kv[1], kv[0])),
        )
    else:
        lines.append("No rejects.")
    lines += ["", "## Top speakers in this run", ""]
    if s.top_speakers:
        lines += _table(("speaker", "quotes"), s.top_speakers)
    else:
        lines.append("No attributed quotes.")
    lines += ["", "## New speakers since the last run", ""]
    lines.append(", ".join(s.new_speakers) if s.new_speakers else "None.")
    return "\n".join(lines) + "\n"


def render_text(summary: dict) -> str:
    """The lines the CLI prints after a run (from the flow's returned dict)."""
    s = summary
    lines = [
        f"run {s['run_id']} -> {s['out_root']} (version {s['version']})",
        f"  files: {s['files_total']} found, {s['files_processed']} processed, "
        f"{s['files_unchanged']} unchanged",
        f"  articles: {s['articles']} stored ({s['duplicates']} duplicates), "
        f"quotes: {s['quotes']}, rejects: {s['rejects']}",
        f"  time: {s['seconds']:.1f} s",
    ]
    if s["rejects_by_reason"]:
        reasons = ", ".join(
            f"{k} {v}"
            for k, v in sorted(s["rejects_by_reason"].items(), key=lambda kv: (-kv[1], kv[0]))
        )
        lines.append(f"  rejects by reason: {reasons}")
    if s["top_speakers"]:
        top = ", ".join(f"{name} ({n})" for name, n in s["top_speakers"][:5])
        lines.append(f"  top speakers: {top}")
    return "\n".join(lines)


def render_nothing_changed(plan: RunPlan, *, seconds: float) -> str:
    """The lines the CLI prints when no input changed and Prefect was not started."""
    return "\n".join(
        [
            f"run {plan.run_id} -> {plan.out_root} (version {plan.base_version}): nothing changed",
            f"  files: {plan.unchanged} found, 0 processed, {plan.unchanged} unchanged",
            f"  time: {seconds:.1f} s (no-op run recorded; --force-flow runs the flow anyway)",
        ]
    )
