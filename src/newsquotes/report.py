"""``newsquotes report OUT_DIR``: one self-contained HTML page about an output root.

For people who never open a notebook: the charts and tables of ``notebooks/explore.ipynb`` (quotes
per speaker over time, top speakers and their titles, quotes per agency and place, reject reasons)
plus the run history. Charts are PNGs inlined as base64 and the CSS is inline, so the file can be
mailed or attached to a ticket and opens anywhere without network access.

The aggregations are plain functions over the loaded DataFrames so that they can be tested, and
reused, without rendering anything. Rendering is deterministic: the same output root gives the
same bytes (no clock, PNGs written without a timestamp).
"""

from __future__ import annotations

import base64
import html
import io
import numbers
import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow.dataset as ds

from newsquotes.load import dataset_path, load_articles, load_quotes, load_speakers
from newsquotes.schema import to_frame
from newsquotes.store import Store

TOP_SPEAKERS = 15  # rows in the top-speakers chart and table
TIMELINE_SPEAKERS = 6  # lines in the quotes-over-time chart (more is unreadable)
TOP_PLACES = 15
UNKNOWN = "(unknown)"  # label of articles that do not name an agency or place

# Chart name -> its title, which is also the image's alt text in the page.
_CHART_TITLES = {
    "speakers_over_time": "Quotes per month, most quoted speakers",
    "top_speakers": "Most quoted speakers",
    "quotes_per_agency": "Quotes per agency",
    "quotes_per_place": "Quotes per dateline place",
    "rejects_by_reason": "Rejected inputs by stage and reason",
}

_RUN_COLUMNS = [
    "version",
    "run_id",
    "started_at",
    "raw_root",
    "files",
    "records",
    "articles",
    "quotes",
    "rejects",
]


@dataclass(frozen=True)
class ReportData:
    """Everything the report shows, as small DataFrames."""

    root: str
    version: int
    totals: dict[str, int]
    speakers_over_time: pd.DataFrame  # month x speaker -> quotes
    top_speakers: pd.DataFrame  # name, kind, titles, n_quotes, n_articles, first_date, last_date
    quotes_per_agency: pd.DataFrame  # agency, quotes, articles
    quotes_per_place: pd.DataFrame  # place, quotes, articles
    quote_types: pd.DataFrame  # type, quotes
    rejects_by_reason: pd.DataFrame  # stage, reason, records
    runs: pd.DataFrame  # one row per committed run, newest first


# -- aggregations ------------------------------------------------------------------------------


def speakers_over_time(
    quotes: pd.DataFrame, speakers: pd.DataFrame, top: int = TIMELINE_SPEAKERS
) -> pd.DataFrame:
    """Quotes per month (rows, ``YYYY-MM``) of the ``top`` most quoted speakers (columns).

    Uses the canonical speaker when present, so ``Trump`` and ``Donald Trump`` are one line.
    Undated quotes have no month and are left out.
    """
    who = quotes.get("canonical_speaker", quotes["speaker"])
    dated = pd.DataFrame({"speaker": who, "date": quotes["published_date"]}).dropna()
    names = [n for n in speakers["name"].head(top) if n in set(dated["speaker"])]
    dated = dated[dated["speaker"].isin(names)]
    if dated.empty:
        return pd.DataFrame(columns=names, dtype="int64")
    month = pd.to_datetime(dated["date"].astype("datetime64[s]")).dt.strftime("%Y-%m")
    table = pd.crosstab(month.rename("month"), dated["speaker"].astype(str))
    months = _month_range(table.index.min(), table.index.max())
    return table.reindex(index=months, columns=names, fill_value=0).astype("int64")


def _month_range(first: str, last: str) -> list[str]:
    return [p.strftime("%Y-%m") for p in pd.period_range(first, last, freq="M")]


def top_speakers(speakers: pd.DataFrame, top: int = TOP_SPEAKERS) -> pd.DataFrame:
    """The most quoted speakers with their most frequent titles."""
    head = speakers.head(top)
    return pd.DataFrame(
        {
            "speaker": head["name"].astype(str),
            "kind": head["kind"].astype(str),
            "titles": [", ".join(list(t)[:3]) for t in head["titles"]],
            "quotes": head["n_quotes"].astype("int64"),
            "articles": head["n_articles"].astype("int64"),
            "first": head["first_date"].astype(str).replace("<NA>", ""),
            "last": head["last_date"].astype(str).replace("<NA>", ""),
        }
    ).reset_index(drop=True)


def quotes_per(
    quotes: pd.DataFrame, articles: pd.DataFrame, column: str, top: int | None = None
) -> pd.DataFrame:
    """Quotes and articles per value of an article column (``agency``, ``place``).

    Articles without the value count under ``(unknown)``, so the totals add up; ``top`` keeps the
    first rows and the ``(unknown)`` row wherever it ranks.
    """
    label = articles.set_index("article_id")[column].astype(object)
    label = label.where(label.notna(), UNKNOWN)
    quoted = quotes["article_id"].map(label).value_counts()
    written = label.value_counts()
    table = pd.DataFrame({"quotes": quoted, "articles": written}).fillna(0).astype("int64")
    table = table.rename_axis(column).reset_index()
    table = table.sort_values(["quotes", "articles", column], ascending=[False, False, True])
    if top:
        table = table[
            (table.reset_index(drop=True).index < top) | (table[column] == UNKNOWN).to_numpy()
        ]
    return table.reset_index(drop=True)


def rejects_by_reason(rejects: pd.DataFrame) -> pd.DataFrame:
    """Rejected records per stage and reason, most frequent first."""
    if rejects.empty:
        return pd.DataFrame({"stage": [], "reason": [], "records": []})
    table = (
        rejects.groupby(["stage", "reason"], observed=True).size().rename("records").reset_index()
    )
    table["stage"] = table["stage"].astype(str)
    table["reason"] = table["reason"].astype(str)
    return table.sort_values(
        ["records", "stage", "reason"], ascending=[False, True, True]
    ).reset_index(drop=True)


def run_history(root: str | os.PathLike[str]) -> pd.DataFrame:
    """The committed runs of ``root`` with their counts, newest first (a missing count is NA)."""
    runs = pd.DataFrame(Store(root).runs())
    if runs.empty:
        return pd.DataFrame(columns=_RUN_COLUMNS)
    for column in _RUN_COLUMNS:
        if column not in runs:
            runs[column] = pd.NA
    return runs[_RUN_COLUMNS].iloc[::-1].reset_index(drop=True)


def collect(root: str | os.PathLike[str]) -> ReportData:
    """Load what the report needs from the output root ``root`` (only the columns it uses)."""
    articles = load_articles(root, columns=["article_id", "agency", "place", "published_date"])
    quotes = load_quotes(
        root, columns=["article_id", "speaker", "published_date", "type"], canonical_speakers=True
    )
    speakers = load_speakers(root)
    rejects = to_frame(
        ds.dataset(dataset_path(root, "rejects"), format="parquet").to_table(
            columns=["stage", "reason"]
        )
    )
    types = quotes["type"].astype(str).value_counts().rename_axis("type").rename("quotes")
    state = Store(root).state()
    return ReportData(
        root=str(root),
        version=state.version,
        totals={
            "articles": len(articles),
            "quotes": len(quotes),
            "speakers": len(speakers),
            "rejects": len(rejects),
            "undated articles": int(articles["published_date"].isna().sum()),
        },
        speakers_over_time=speakers_over_time(quotes, speakers),
        top_speakers=top_speakers(speakers),
        quotes_per_agency=quotes_per(quotes, articles, "agency"),
        quotes_per_place=quotes_per(quotes, articles, "place", top=TOP_PLACES),
        quote_types=types.reset_index(),
        rejects_by_reason=rejects_by_reason(rejects),
        runs=run_history(root),
    )


# -- charts -------------------------------------------------------------------------------------


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")  # files only, never a window (the report runs on servers)
    import matplotlib.pyplot as plt

    return plt


def _barh(labels: list[str], values: list[int], title: str, xlabel: str):
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(7, 0.35 * len(labels) + 1.2))
    ax.barh(labels[::-1], values[::-1], color="#3b6ea5")
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.xaxis.get_major_locator().set_params(integer=True)
    fig.tight_layout()
    return fig


def figure_speakers_over_time(table: pd.DataFrame):
    """Line chart of :func:`speakers_over_time`: one line per speaker, months along x."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(8, 4))
    for speaker in table.columns:
        ax.plot(table.index, table[speaker], marker="o", label=speaker)
    ax.set_title(_CHART_TITLES["speakers_over_time"])
    ax.set_ylabel("quotes")
    ax.yaxis.get_major_locator().set_params(integer=True)
    step = max(1, len(table.index) // 12)
    ax.set_xticks(range(0, len(table.index), step), table.index[::step], rotation=45, ha="right")
    ax.legend(fontsize="small")
    fig.tight_layout()
    return fig


def figures(data: ReportData) -> dict[str, object]:
    """The report's matplotlib figures by name; a chart with nothing to show is left out."""
    out = {}
    if not data.speakers_over_time.empty:
        out["speakers_over_time"] = figure_speakers_over_time(data.speakers_over_time)
    if not data.top_speakers.empty:
        out["top_speakers"] = _barh(
            data.top_speakers["speaker"].tolist(),
            data.top_speakers["quotes"].tolist(),
            _CHART_TITLES["top_speakers"],
            "quotes",
        )
    for column in ("agency", "place"):
        name = f"quotes_per_{column}"
        table = getattr(data, name)
        unknown = int(table.loc[table[column] == UNKNOWN, "quotes"].sum())
        known = table[table[column] != UNKNOWN]
        if known["quotes"].sum():  # the unknown bar would dwarf the rest: it is in the title
            note = f" ({unknown:,} with none not shown)" if unknown else ""
            out[name] = _barh(
                known[column].tolist(),
                known["quotes"].tolist(),
                _CHART_TITLES[name] + note,
                "quotes",
            )
    if not data.rejects_by_reason.empty:
        labels = [
            f"{s}/{r}"
            for s, r in zip(
                data.rejects_by_reason["stage"], data.rejects_by_reason["reason"], strict=True
            )
        ]
        out["rejects_by_reason"] = _barh(
            labels,
            data.rejects_by_reason["records"].tolist(),
            _CHART_TITLES["rejects_by_reason"],
            "records",
        )
    return out


def png_bytes(fig) -> bytes:
    """The figure as PNG bytes without a timestamp (same data, same bytes), then closed."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=100, metadata={"Software": None})
    _pyplot().close(fig)
    return buffer.getvalue()


# -- HTML ---------------------------------------------------------------------------------------

_CSS = """
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #222;
       max-width: 1000px; margin: 2em auto; padding: 0 1em; }
h1 { font-size: 1.6em; } h2 { margin-top: 2em; border-bottom: 1px solid #ddd; }
table { border-collapse: collapse; margin: .8em 0; font-size: 14px; }
th, td { border: 1px solid #ddd; padding: .25em .6em; vertical-align: top; }
th { background: #f4f6f8; text-align: left; } td.n { text-align: right; }
.totals td { font-size: 1.2em; } .empty { color: #777; font-style: italic; }
img { max-width: 100%; } code { background: #f4f6f8; padding: 0 .2em; }
"""


def _table_html(frame: pd.DataFrame, *, index: bool = False) -> str:
    if frame.empty:
        return '<p class="empty">Nothing to show.</p>'
    frame = frame.reset_index() if index else frame
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in frame.columns)
    rows = []
    for values in frame.itertuples(index=False):
        cells = []
        for value in values:
            numeric = isinstance(value, numbers.Real) and not isinstance(value, bool)
            text = "" if value is None or (not numeric and pd.isna(value)) else str(value)
            cells.append(
                f'<td class="n">{text}</td>' if numeric else f"<td>{html.escape(text)}</td>"
            )
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _img(pngs: dict[str, bytes], name: str) -> str:
    """The chart ``name`` inlined as an image, or a note that it had nothing to show."""
    png, alt = pngs.get(name), _CHART_TITLES[name]
    if png is None:
        return f'<p class="empty">No data for “{html.escape(alt)}”.</p>'
    encoded = base64.b64encode(png).decode("ascii")
    return f'<img alt="{html.escape(alt)}" src="data:image/png;base64,{encoded}">'


def render_html(data: ReportData, pngs: dict[str, bytes]) -> str:
    """The report page: ``data``'s tables and the PNG charts ``pngs`` (by chart name) inlined."""
    totals = pd.DataFrame([data.totals])
    over_time = data.speakers_over_time
    sections = [
        (
            "Quotes per speaker over time",
            _img(pngs, "speakers_over_time")
            + _table_html(over_time.rename_axis("month"), index=True),
        ),
        (
            "Top speakers and their titles",
            _img(pngs, "top_speakers") + _table_html(data.top_speakers),
        ),
        (
            "Quotes per agency",
            _img(pngs, "quotes_per_agency") + _table_html(data.quotes_per_agency),
        ),
        (
            "Quotes per place",
            _img(pngs, "quotes_per_place") + _table_html(data.quotes_per_place),
        ),
        ("Quote types", _table_html(data.quote_types)),
        (
            "Reject reasons",
            _img(pngs, "rejects_by_reason") + _table_html(data.rejects_by_reason),
        ),
        ("Run history", _table_html(data.runs)),
    ]
    title = f"newsquotes report: {data.root}"
    body = [
        f"<h1>{html.escape(title)}</h1>",
        f"<p>Output root <code>{html.escape(data.root)}</code>, dataset version "
        f"{data.version}. Load the same data with <code>newsquotes.load_quotes(root)</code>; "
        "the columns are described in <code>docs/DATA.md</code>.</p>",
        _table_html(totals).replace("<table>", '<table class="totals">', 1),
    ]
    for heading, content in sections:
        body.append(f"<h2>{html.escape(heading)}</h2>{content}")
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title><style>{_CSS}</style></head>\n<body>\n"
        + "\n".join(body)
        + "\n</body></html>\n"
    )


def write_report(root: str | os.PathLike[str], path: str | os.PathLike[str]) -> Path:
    """Write the HTML report of the output root ``root`` to ``path``; return the path."""
    data = collect(root)
    pngs = {name: png_bytes(fig) for name, fig in figures(data).items()}
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.write_text(render_html(data, pngs), encoding="utf-8")
    os.replace(tmp, target)
    return target
