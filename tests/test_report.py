"""The HTML report and the ``report`` / ``speakers`` subcommands, on a hand-written output root."""

from __future__ import annotations

import base64
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from newsquotes import report
from newsquotes.cli import EXIT_OK, EXIT_REJECTS, EXIT_USAGE, main
from sample_root import RUN_ID, write_sample_root

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_sample_root(tmp_path_factory.mktemp("out") / "processed")


@pytest.fixture(scope="module")
def data(root: Path) -> report.ReportData:
    return report.collect(root)


class _Page(HTMLParser):
    """Collects what a reader of the page sees: headings, table cells, image sources, links."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[str] = []
        self.cells: list[str] = []
        self.images: list[str] = []
        self.external: list[str] = []
        self._tag: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag = tag
        values = dict(attrs)
        if tag == "img":
            self.images.append(values.get("src") or "")
        for name in ("src", "href"):
            if re.match(r"(https?:)?//", values.get(name) or ""):
                self.external.append(values[name])

    def handle_data(self, text: str) -> None:
        if self._tag in ("h1", "h2"):
            self.headings.append(text.strip())
        elif self._tag in ("td", "th") and text.strip():
            self.cells.append(text.strip())

    def handle_endtag(self, tag: str) -> None:
        self._tag = None


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def test_speakers_over_time_fills_empty_months_and_merges_aliases(data) -> None:
    table = data.speakers_over_time
    assert table.index.tolist() == ["2016-10", "2016-11", "2016-12", "2017-01"]
    assert table.loc["2016-11", "Donald Trump"] == 1  # the quote resolved to "Trump"
    assert table["Donald Trump"].sum() == 3  # the undated quote has no month
    assert table.loc["2016-12"].sum() == 0
    assert "Trump" not in table.columns


def test_top_speakers_carry_their_titles(data) -> None:
    top = data.top_speakers.set_index("speaker")
    assert top.index[0] == "Donald Trump"
    assert top.loc["Hillary Clinton", "titles"] == "Democratic nominee, former Secretary of State"
    assert top.loc["Donald Trump", "quotes"] == 4


def test_quotes_per_agency_and_place_add_up(data) -> None:
    agency = data.quotes_per_agency.set_index("agency")
    assert agency.loc["AP", "quotes"] == 5 and agency.loc["AP", "articles"] == 2
    assert agency.loc["(unknown)", "quotes"] == 1  # the undated note has no dateline
    assert agency["quotes"].sum() == data.totals["quotes"] == 9
    place = data.quotes_per_place.set_index("place")
    assert place.loc["Washington", "quotes"] == 5
    assert place["articles"].sum() == data.totals["articles"] == 5


def test_rejects_grouped_by_stage_and_reason(data) -> None:
    rows = data.rejects_by_reason.to_dict("records")
    assert rows[0] == {"stage": "parse", "reason": "no_date_header", "records": 2}
    assert {r["reason"] for r in rows} == {"no_date_header", "truncated_gzip", "record_too_large"}


def test_report_is_self_contained_html_with_charts_and_tables(root: Path, tmp_path: Path) -> None:
    path = report.write_report(root, tmp_path / "r" / "report.html")
    page = _parse(path)
    assert page.headings[1:] == [
        "Quotes per speaker over time",
        "Top speakers and their titles",
        "Quotes per agency",
        "Quotes per place",
        "Quote types",
        "Reject reasons",
        "Run history",
    ]
    assert len(page.images) == 5
    for src in page.images:
        assert src.startswith("data:image/png;base64,")
        assert base64.b64decode(src.split(",", 1)[1]).startswith(PNG_MAGIC)
    assert page.external == []  # opens offline, can be mailed as one file
    for expected in (
        "Donald Trump",
        "Republican nominee",
        "Washington",
        "Reuters",
        "truncated_gzip",
        "no_date_header",
        RUN_ID,
        "2016-12",
    ):
        assert expected in page.cells, expected


def test_report_bytes_do_not_depend_on_when_it_is_rendered(root: Path, tmp_path: Path) -> None:
    first = report.write_report(root, tmp_path / "a.html").read_bytes()
    assert report.write_report(root, tmp_path / "b.html").read_bytes() == first


def test_report_escapes_data(data) -> None:
    hostile = data.top_speakers.assign(speaker="<script>alert(1)</script>")
    html = report.render_html(report.ReportData(**{**data.__dict__, "top_speakers": hostile}), {})
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_cli_report_writes_the_file(root: Path, tmp_path: Path, capsys) -> None:
    target = tmp_path / "report.html"
    assert main(["report", str(root), "-o", str(target)]) == EXIT_OK
    assert f"wrote {target}" in capsys.readouterr().out
    assert "Run history" in target.read_text(encoding="utf-8")


@pytest.mark.parametrize("command", ["report", "speakers"])
def test_cli_refuses_a_folder_that_is_not_an_output_root(
    command: str, tmp_path: Path, capsys
) -> None:
    assert main([command, str(tmp_path)]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert "is not a newsquotes output root" in err
    assert f"newsquotes ingest RAW_DIR {tmp_path}" in err


def test_cli_speakers_table_and_query(root: Path, capsys) -> None:
    assert main(["speakers", str(root)]) == EXIT_OK
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:4] == ["name", "kind", "quotes", "articles"]
    assert lines[1].startswith("Donald Trump") and "Trump" in lines[1].split("nominee")[-1]
    assert len(lines) == 5
    assert main(["speakers", str(root), "LAVROV"]) == EXIT_OK
    assert "Foreign Minister" in capsys.readouterr().out


def test_cli_speakers_jsonl_limit_and_no_match(root: Path, capsys) -> None:
    assert main(["speakers", str(root), "--format", "jsonl", "-n", "2"]) == EXIT_OK
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["name"] for r in rows] == ["Donald Trump", "Hillary Clinton"]
    assert rows[0]["aliases"] == ["Trump"] and rows[0]["first_date"] == "2016-10-05"
    assert main(["speakers", str(root), "nobody"]) == EXIT_REJECTS
    captured = capsys.readouterr()
    assert captured.out == "" and "no speaker matching 'nobody'" in captured.err


def test_cli_help_explains_every_command_with_examples(capsys) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--help"])
    assert exit_.value.code == 0
    text = capsys.readouterr().out
    for needle in ("ingest", "report", "speakers", "exit codes:", "newsquotes report "):
        assert needle in text
    for command in ("ingest", "report", "speakers"):
        with pytest.raises(SystemExit):
            main([command, "--help"])
        assert f"newsquotes {command} " in capsys.readouterr().out.split("examples:")[1]
