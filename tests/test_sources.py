"""Discovery, the reading entry point, broken and hostile inputs, and the shared corpora."""

from __future__ import annotations

import collections
import gzip
import hashlib
import os
from pathlib import Path

import pytest

from broken_inputs import ARTICLES, GOOD_SEED, Expect, ingest, write_cases
from newsquotes.config import DEFAULT_CONFIG, IngestConfig
from newsquotes.errors import InputError, ReadError
from newsquotes.models import RawRecord, Reject
from newsquotes.sources import SourceFile, discover_sources, read_records


@pytest.fixture(scope="module")
def broken_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Expect], dict]:
    root = tmp_path_factory.mktemp("broken") / "raw"
    expect = write_cases(root)
    return expect, ingest(root)


def _case_ids() -> list[str]:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        return sorted(write_cases(Path(tmp) / "raw"))


CASES = _case_ids()


def test_generator_covers_at_least_twenty_kinds_of_broken_input() -> None:
    broken = [c for c in CASES if not c.startswith("good/") and c != "hostile/inside-link.txt"]
    assert len(broken) >= 20


@pytest.mark.parametrize("rel_path", CASES)
def test_broken_and_good_inputs(rel_path: str, broken_run: tuple[dict, dict]) -> None:
    expect, outcomes = broken_run
    want: Expect = expect[rel_path]
    got = outcomes[rel_path]
    error = (got.error.stage, got.error.reason) if got.error else None
    assert error == want.error, got.error
    assert len(got.records) == want.records
    assert tuple((r.stage, r.reason) for r in got.rejects) == want.rejects
    if got.error is not None:
        assert got.error.source_path == rel_path
    for reject in got.rejects:
        assert reject.source_path == rel_path


def test_good_files_beside_broken_ones_are_read_in_full(broken_run: tuple[dict, dict]) -> None:
    _, outcomes = broken_run
    texts = [r.text for r in outcomes["good/multi.txt.zst"].records]
    assert texts == ARTICLES
    dates = [r.fields["date"] for r in outcomes["good/multi.txt.gz"].records]
    assert dates == ["2021-03-03", "2021-03-04", "2021-03-05"]
    cleaned = outcomes["good/controls.txt"].records[0]
    assert cleaned.text == "OSLO, March 3.\nThe council met."
    assert cleaned.repaired
    cp1252 = outcomes["good/cp1252.txt"].records[0]
    assert cp1252.text == "OSLO. The fee was £15.8m, the café said."
    assert cp1252.provenance.encoding == "cp1252"


def test_archive_members_keep_their_path(broken_run: tuple[dict, dict]) -> None:
    _, outcomes = broken_run
    got = outcomes["hostile/device.tar"]
    assert {r.provenance.member for r in got.records} == {"news/ok.txt"}
    assert [r.provenance.record for r in got.records] == [0, 1, 2]
    assert got.rejects[0].member == "dev/sda"
    slip = outcomes["hostile/slip.zip"]
    assert slip.rejects[0].member == "../../etc/evil.txt"
    assert {r.provenance.member for r in slip.records} == {"ok.txt"}
    assert all(r.provenance.source_key == "hostile/slip.zip::ok.txt" for r in slip.records)


# --- discovery ------------------------------------------------------------------------------------


def _tree(root: Path) -> None:
    for rel in ["b/2.txt", "a/1.txt.gz", "a/sub/3.json", "README.TXT", ".hidden", "c.csv"]:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x")


def test_discover_is_recursive_sorted_and_relative(tmp_path: Path) -> None:
    _tree(tmp_path)
    found = discover_sources(tmp_path)
    assert [s.rel_path for s in found] == [
        ".hidden",
        "README.TXT",
        "a/1.txt.gz",
        "a/sub/3.json",
        "b/2.txt",
        "c.csv",
    ]
    assert all(s.path.is_absolute() and s.size == 1 for s in found)


def test_discover_globs(tmp_path: Path) -> None:
    _tree(tmp_path)
    found = discover_sources(
        tmp_path, include=DEFAULT_CONFIG.include, exclude=DEFAULT_CONFIG.exclude
    )
    assert [s.rel_path for s in found] == ["a/1.txt.gz", "a/sub/3.json", "b/2.txt", "c.csv"]
    only = discover_sources(tmp_path, include=["a/**"], exclude=["**/*.json"])
    assert [s.rel_path for s in only] == ["a/1.txt.gz"]


def test_an_unlistable_folder_is_listed_as_refused(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "locked").mkdir()
    (tmp_path / "ok.txt").write_bytes(b"x")
    listing = os.scandir

    def scandir(path):  # root may list any folder, so the refusal is simulated
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return listing(path)

    monkeypatch.setattr("newsquotes.sources.os.scandir", scandir)
    found = discover_sources(tmp_path)
    assert [(s.rel_path, s.refused) for s in found] == [
        ("locked", "unreadable_folder"),
        ("ok.txt", None),
    ]
    with pytest.raises(ReadError, match="cannot be listed") as info:
        found[0].sha256()
    assert (info.value.reason, info.value.source_path) == ("unreadable_folder", "locked")


def test_discover_follows_folder_links_inside_the_root_once(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "x.txt").write_bytes(b"x")
    (tmp_path / "alias").symlink_to(tmp_path / "real")
    (tmp_path / "real" / "loop").symlink_to(tmp_path)
    rels = [s.rel_path for s in discover_sources(tmp_path)]
    assert rels.count("real/x.txt") == 1
    assert len(rels) == 2  # real/x.txt and alias/x.txt, the loop is not followed


def test_source_sha256_streams_the_file(tmp_path: Path) -> None:
    path = tmp_path / "a.txt.gz"
    path.write_bytes(gzip.compress(GOOD_SEED, mtime=0))
    source = discover_sources(tmp_path)[0]
    assert source.sha256() == hashlib.sha256(path.read_bytes()).hexdigest()
    record = next(r for r in read_records(source) if isinstance(r, RawRecord))
    assert record.provenance.source_sha256 == source.sha256()
    assert record.provenance.source_path == "a.txt.gz"


def test_refused_source_raises_read_error(tmp_path: Path) -> None:
    source = SourceFile("x.txt", tmp_path / "x.txt", 0, "symlink_outside_root")
    with pytest.raises(ReadError) as err:
        list(read_records(source))
    assert err.value.reason == "symlink_outside_root"
    with pytest.raises(ReadError):
        source.sha256()


def test_missing_raw_root(tmp_path: Path) -> None:
    with pytest.raises(ReadError) as err:
        discover_sources(tmp_path / "nope")
    assert err.value.reason == "missing_raw_root"


def test_records_stream_before_the_file_ends(tmp_path: Path) -> None:
    """The first record is yielded while the rest of a big dump is still unread."""
    path = tmp_path / "big.txt"
    path.write_text(GOOD_SEED.decode() + "\n" + "date 2021-03-06 tail\n" * 200_000)
    records = read_records(discover_sources(tmp_path)[0], IngestConfig())
    first = next(records)
    assert isinstance(first, RawRecord) and first.text == ARTICLES[0]
    records.close()


# --- the shared corpora ---------------------------------------------------------------------------

EXPECTED_RECORDS = {
    "reuters-1987": 19043,
    "polnear-2016": 924,
    "afp-xinhua": 2452,
    "bbc-2004": 2225,
    "tass": 11,
    "tass-export": 10,
    "ag-news": 7600,
}


@pytest.mark.shared
@pytest.mark.slow
def test_every_shared_corpus_file_reads(shared: Path) -> None:
    corpora = shared / "corpora"
    sources = discover_sources(
        corpora, include=DEFAULT_CONFIG.include, exclude=DEFAULT_CONFIG.exclude
    )
    rel_paths = {s.rel_path for s in sources}
    assert "bbc-2004/README.TXT" not in rel_paths  # documentation, excluded by default
    assert "README.md" not in rel_paths
    records: collections.Counter[str] = collections.Counter()
    rejects: list[Reject | InputError] = []
    for source in sources:
        try:
            for item in read_records(source):
                if isinstance(item, RawRecord):
                    records[source.rel_path.split("/")[0]] += 1
                else:
                    rejects.append(item)
        except InputError as err:
            rejects.append(err)
    assert rejects == []
    assert dict(records) == EXPECTED_RECORDS


@pytest.mark.shared
def test_shared_structured_exports(shared: Path) -> None:
    export = discover_sources(shared / "corpora" / "tass-export")[0]
    first = next(iter(read_records(export)))
    assert isinstance(first, RawRecord)
    assert first.format == "json"
    assert first.fields["date"] == "2024-12-26 21:09:18"
    assert first.fields["url"] == "https://tass.com/politics/1894093"
    assert first.fields["lead"].startswith("Russia could use Oreshnik again")
    assert first.text.startswith("IGORA /Leningrad Region/, December 26. /TASS/.")
    ag = discover_sources(shared / "corpora" / "ag-news")[0]
    second = list(read_records(ag))[1]
    assert isinstance(second, RawRecord)
    assert second.fields["title"].startswith("The Race is On")
    assert "the $10 million Ansari X Prize" in second.text
    assert second.repaired


@pytest.mark.shared
def test_shared_cp1252_file(shared: Path) -> None:
    source = next(
        s
        for s in discover_sources(shared / "corpora" / "bbc-2004")
        if s.rel_path == "sport/199.txt"
    )
    (record,) = read_records(source)
    assert isinstance(record, RawRecord)
    assert record.provenance.encoding == "cp1252"
    assert record.fields["title"] == "Chelsea sack Mutu"
    assert "£15.8m" in record.text


@pytest.mark.shared
def test_shared_seed(seed_path: Path) -> None:
    source = next(s for s in discover_sources(seed_path.parent) if s.rel_path == seed_path.name)
    (record,) = read_records(source)
    assert isinstance(record, RawRecord)
    raw = seed_path.read_text(encoding="utf-8")
    assert record.fields == {"date": "2018-01-15"}
    assert record.format == "seed"
    assert record.text == raw.split("2018-01-15", 1)[1].strip()
    assert record.text.startswith("MOSCOW, January 15./TASS/. Russia may introduce")
