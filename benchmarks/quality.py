"""Quote extraction quality (and speed) on the shared gold corpora.

    python benchmarks/quality.py               # tables for TASS, PolNeAR train, PolNeAR dev
    python benchmarks/quality.py --speed       # extraction throughput, characters per second
    python benchmarks/quality.py --errors dev  # print unmatched gold / predictions for a split
    python benchmarks/quality.py --kinds train # PolNeAR errors counted by kind, one example each

Protocol (docs/EVALUATION.md): a prediction and a gold attribution match when the Dice
coefficient of their content word multisets (lower-cased ``\\w+``) is >= 0.5; one-to-one, best
pairs first. Gold that is not speech counts neither for nor against: a prediction matched to it
is dropped. Figures: content, content + speaker (resolved name, TASS) / mention (PolNeAR), per
subset direct+mixed / indirect / all, plus exact-span and 0.8 character-overlap content matching.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from newsquotes.quotes import compiled, extract_quotes
from newsquotes.quotes.found import Document

REPO = Path(__file__).resolve().parents[1]
_WORD = re.compile(r"\w+")
# TASS gold text = " date YYYY-MM-DD " header + dateline + body
_TASS_HEAD = re.compile(r"^\s*date \d{4}-\d{2}-\d{2}\s+.*?/TASS/\.\s*", re.S)
_MENTION_STOP = frozenset({"the", "a", "an", "of", "s", "and", "to", "in", "for"})
_STRIP = " \t\n\u00a0\"“”«»'‘’.,;:"
SUBSETS = ("direct+mixed", "indirect", "all")


def shared_root() -> Path:
    env = os.environ.get("NEWSQUOTES_SHARED")
    return Path(env) if env else REPO.parent / "shared"


@dataclass
class Item:
    """One attribution (gold or predicted) in gold-text coordinates."""

    type: str
    spans: list[tuple[int, int]]
    words: Counter[str]
    speech: bool = True
    speaker: str | None = None
    mention: str | None = None


def _words(text: str) -> Counter[str]:
    return Counter(w.lower() for w in _WORD.findall(text))


def dice(a: Counter[str], b: Counter[str]) -> float:
    total = sum(a.values()) + sum(b.values())
    return 2 * sum((a & b).values()) / total if total else 0.0


def _trimmed(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out = []
    for s, e in spans:
        while s < e and text[s] in _STRIP:
            s += 1
        while e > s and text[e - 1] in _STRIP:
            e -= 1
        out.append((s, e))
    return out


def char_dice(text: str, a: list[tuple[int, int]], b: list[tuple[int, int]]) -> float:
    sa = {i for s, e in _trimmed(text, a) for i in range(s, e)}
    sb = {i for s, e in _trimmed(text, b) for i in range(s, e)}
    total = len(sa) + len(sb)
    return 2 * len(sa & sb) / total if total else 0.0


def speaker_match(pred: str | None, gold: str | None) -> bool:
    """Equal, or one is the other's last words (``Lavrov`` ~ ``Sergey Lavrov``)."""
    if pred is None or gold is None:
        return pred is None and gold is None
    p, g = pred.lower().split(), gold.lower().split()
    return p == g or (p and g and (p == g[-len(p) :] or g == p[-len(g) :]))


def mention_match(pred: str | None, gold: str | None) -> bool:
    """The mentions share a word (articles and prepositions aside)."""
    if not pred or not gold:
        return False
    return bool((set(_words(pred)) - _MENTION_STOP) & (set(_words(gold)) - _MENTION_STOP))


def match(golds: list[Item], preds: list[Item], score) -> list[tuple[int, int]]:
    """One-to-one matching, best pairs first, among pairs scoring >= threshold."""
    pairs = []
    for i, g in enumerate(golds):
        for j, p in enumerate(preds):
            s = score(g, p)
            if s is not None:
                pairs.append((-s, i, j))
    pairs.sort()
    used_g, used_p, out = set(), set(), []
    for _, i, j in pairs:
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            out.append((i, j))
    return out


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return p, r, 2 * p * r / (p + r) if p + r else 0.0


def _subset(t: str) -> str:
    return "indirect" if t == "indirect" else "direct+mixed"


def evaluate_doc(text, golds, preds, tallies, errors, speaker_key):
    """Add one article's counts to ``tallies[(measure, subset)]``."""
    criteria = {
        "content": lambda g, p: d if (d := dice(g.words, p.words)) >= 0.5 else None,
        "exact": lambda g, p: 1.0 if _trimmed(text, g.spans) == _trimmed(text, p.spans) else None,
        "overlap 0.8": lambda g, p: c if (c := char_dice(text, g.spans, p.spans)) >= 0.8 else None,
    }
    for name, score in criteria.items():
        pairs = match(golds, preds, score)
        _count(name, golds, preds, pairs, tallies, lambda g, p: True)
        if name == "content":
            key = "+speaker" if speaker_key == "speaker" else "+mention"
            same = (
                (lambda g, p: speaker_match(p.speaker, g.speaker))
                if speaker_key == "speaker"
                else (lambda g, p: mention_match(p.mention, g.mention))
            )
            _count("content" + key, golds, preds, pairs, tallies, same)
            if errors is not None:
                matched_g = {i for i, _ in pairs}
                matched_p = {j for _, j in pairs}
                for i, g in enumerate(golds):
                    if g.speech and i not in matched_g:
                        errors.append(("FN", g, text))
                    elif g.speech and not same(g, preds[next(j for a, j in pairs if a == i)]):
                        errors.append(("SPK", g, text, preds[next(j for a, j in pairs if a == i)]))
                for j, p in enumerate(preds):
                    if j not in matched_p:
                        errors.append(("FP", p, text))


def _count(name, golds, preds, pairs, tallies, same) -> None:
    matched_g = dict(pairs)
    matched_p = {j: i for i, j in pairs}
    for i, g in enumerate(golds):
        if not g.speech:
            continue
        ok = i in matched_g and same(g, preds[matched_g[i]])
        for sub in (_subset(g.type), "all"):
            t = tallies.setdefault((name, sub), Tally())
            if ok:
                t.tp += 1
            else:
                t.fn += 1
    for j, p in enumerate(preds):
        if j in matched_p:
            g = golds[matched_p[j]]
            if not g.speech or same(g, p):
                continue  # ignored (non-speech gold) or already a true positive
        for sub in (_subset(p.type), "all"):
            tallies.setdefault((name, sub), Tally()).fp += 1


def _pred_items(text: str, offset: int) -> list[Item]:
    body = text[offset:]
    items = []
    for q in extract_quotes(body):
        spans = [(p.start + offset, p.end + offset) for p in q.pieces]
        items.append(
            Item(
                q.type,
                spans,
                _words(" ".join(text[s:e] for s, e in spans)),
                speaker=q.speaker,
                mention=q.mention.of(body) if q.mention else None,
            )
        )
    return items


def load(name: str) -> list[dict]:
    path = shared_root() / "gold" / name
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def tass_docs():
    for row in load("quotes-tass.jsonl"):
        text = row["text"]
        m = _TASS_HEAD.match(text)
        offset = m.end() if m else 0
        golds = [
            Item(
                q["type"],
                [tuple(s) for s in q["spans"]],
                _words(" ".join(q["pieces"])),
                q["speech"],
                q["speaker"],
                q["speaker_mention"],
            )
            for q in row["quotes"]
        ]
        yield row["doc_id"], text, offset, golds


def polnear_docs(split: str):
    return polnear_docs_of(r for r in load("quotes-polnear-2016.jsonl") if r["split"] == split)


def polnear_docs_of(rows):
    for row in rows:
        text = row["text"]
        golds = [
            Item(
                q["type"],
                [tuple(s) for s in q["spans"]],
                _words(" ".join(text[s:e] for s, e in q["spans"])),
                q["speech"],
                None,
                q["speaker_text"],
            )
            for q in row["quotes"]
        ]
        yield row["doc_id"], text, 0, golds


def run(docs, speaker_key, errors=None) -> dict:
    tallies: dict = {}
    for _doc_id, text, offset, golds in docs:
        preds = _pred_items(text, offset)
        evaluate_doc(text, golds, preds, tallies, errors, speaker_key)
    return tallies


def table(title: str, tallies: dict, speaker_key: str) -> str:
    measures = ["content", "content+" + speaker_key, "exact", "overlap 0.8"]
    lines = [
        f"## {title}",
        "",
        "| measure | subset | P | R | F1 | TP | FP | FN |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for m in measures:
        for sub in SUBSETS:
            t = tallies.get((m, sub), Tally())
            p, r, f = t.prf()
            lines.append(
                f"| {m} | {sub} | {p:.3f} | {r:.3f} | {f:.3f} | {t.tp} | {t.fp} | {t.fn} |"
            )
    return "\n".join(lines)


def speed(repeat: int) -> str:
    """Extraction throughput over every gold body. CPU time of this process is reported beside
    wall time: on a shared machine the wall clock also counts other people's work."""
    bodies = [text[off:] for _, text, off, _ in tass_docs()]
    bodies += [text for _, text, _, _ in polnear_docs("train")]
    bodies += [text for _, text, _, _ in polnear_docs("dev")]
    chars = sum(map(len, bodies))
    for b in bodies[:50]:
        extract_quotes(b)  # warm caches (lexicon, regexes)
    best_wall = best_cpu = float("inf")
    for _ in range(repeat):
        w0, c0 = time.perf_counter(), time.process_time()
        for b in bodies:
            extract_quotes(b)
        best_wall = min(best_wall, time.perf_counter() - w0)
        best_cpu = min(best_cpu, time.process_time() - c0)
    return (
        f"{len(bodies)} bodies, {chars:,} chars, best of {repeat}: "
        f"wall {best_wall:.3f} s = {chars / best_wall:,.0f} chars/s; "
        f"CPU {best_cpu:.3f} s = {chars / best_cpu:,.0f} chars/s (one core); "
        f"extractor {'compiled (mypyc)' if compiled() else 'pure Python'}"
    )


def show_errors(split: str, limit: int) -> None:
    errors: list = []
    docs = tass_docs() if split == "tass" else polnear_docs(split)
    run(docs, "speaker" if split == "tass" else "mention", errors)
    kinds = Counter(e[0] for e in errors)
    print(kinds)
    for e in errors[:limit]:
        kind, item, text = e[0], e[1], e[2]
        s, end = item.spans[0][0], item.spans[-1][1]
        extra = ""
        if kind == "SPK":
            extra = f" pred speaker={e[3].speaker!r} mention={e[3].mention!r}"
        print(f"{kind} {item.type} speaker={item.speaker!r} mention={item.mention!r}{extra}")
        print(
            "   ",
            repr(text[max(0, s - 80) : s]),
            "[[",
            repr(text[s:end][:300]),
            "]]",
            repr(text[end : end + 80]),
        )


def _excerpt(text: str, spans: list[tuple[int, int]]) -> str:
    s, e = spans[0][0], spans[-1][1]
    out = f"{text[max(0, s - 90) : s]}[[ {text[s:e][:160]} ]]{text[e : e + 40]}"
    return out.replace("\n", "¶")


def _overlaps(a: Item, b: Item) -> bool:
    return a.spans[0][0] < b.spans[-1][1] and b.spans[0][0] < a.spans[-1][1]


def error_kinds(split: str) -> list[tuple[str, int, str]]:
    """PolNeAR errors of one split counted by kind (missed with the cue known or unknown,
    boundaries, spurious near or far from gold, wrong mention), with the first example."""
    counts: Counter[str] = Counter()
    examples: dict[str, str] = {}

    def add(kind: str, text: str, spans: list[tuple[int, int]], extra: str = "") -> None:
        counts[kind] += 1
        examples.setdefault(kind, _excerpt(text, spans) + extra)

    for row in load("quotes-polnear-2016.jsonl"):
        if row["split"] != split:
            continue
        text = row["text"]
        _, _, _, golds = next(polnear_docs_of([row]))
        preds = _pred_items(text, 0)
        pairs = match(
            golds, preds, lambda g, p: d if (d := dice(g.words, p.words)) >= 0.5 else None
        )
        by_gold, by_pred = dict(pairs), {j: i for i, j in pairs}
        cues = {c[0] for c in Document.read(text).cues}
        for i, (g, q) in enumerate(zip(golds, row["quotes"], strict=True)):
            if not g.speech:
                continue
            sub = _subset(g.type)
            if i in by_gold:
                p = preds[by_gold[i]]
                if not mention_match(p.mention, g.mention):
                    add(
                        "matched, wrong speaker mention",
                        text,
                        g.spans,
                        f"  gold={g.mention!r} pred={p.mention!r}",
                    )
            elif any(_overlaps(g, p) for p in preds):
                add(f"{sub} found, boundaries differ (Dice < 0.5)", text, g.spans)
            elif not q["has_source"]:
                add(f"{sub} missed, no source in the text", text, g.spans)
            elif q.get("cue_start") in cues:
                add(f"{sub} missed though the cue is known", text, g.spans, f"  cue={q['cue']!r}")
            else:
                add(f"{sub} missed, cue not in the lexicon", text, g.spans, f"  cue={q['cue']!r}")
        for j, p in enumerate(preds):
            if j in by_pred:
                continue
            near = [g for g in golds if _overlaps(g, p)]
            sub = _subset(p.type)
            if near and not any(g.speech for g in near):
                add(f"spurious {sub}, overlaps only non-speech gold", text, p.spans)
            elif near:
                add(f"spurious {sub}, overlaps gold with other boundaries", text, p.spans)
            else:
                add(f"spurious {sub}, no gold nearby", text, p.spans)
    return [(kind, n, examples[kind]) for kind, n in counts.most_common()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--speed", action="store_true", help="measure throughput only")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--errors", choices=["tass", "train", "dev"], help="list errors")
    parser.add_argument("--limit", type=int, default=60)
    parser.add_argument("--kinds", choices=["train", "dev"], help="PolNeAR errors by kind")
    args = parser.parse_args(argv)
    if not (shared_root() / "gold").is_dir():
        print(f"gold data not found under {shared_root()}", file=sys.stderr)
        return 2
    if args.speed:
        print(speed(args.repeat))
        return 0
    if args.errors:
        show_errors(args.errors, args.limit)
        return 0
    if args.kinds:
        for kind, n, example in error_kinds(args.kinds):
            print(f"{n:5d}  {kind}\n       e.g. {example}")
        return 0
    print(
        table("TASS (11 articles; speaker = resolved name)", run(tass_docs(), "speaker"), "speaker")
    )
    for split in ("train", "dev"):
        print()
        print(
            table(
                f"PolNeAR 2016 {split} (speaker = mention shares a word)",
                run(polnear_docs(split), "mention"),
                "mention",
            )
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
