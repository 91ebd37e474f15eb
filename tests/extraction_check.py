"""Precision and recall of the extractors against the hand-written labels in
tests/extraction_labels/ (run as a script for the table; the tests assert on it)."""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from pathlib import Path

from kamervragen import parse

ROOT = Path(__file__).resolve().parent
LABELS = ROOT / "extraction_labels"
DEV = ROOT.parent.parent / "shared" / "corpus" / "dev"


def _path(file: str) -> Path:
    return ROOT.parent / file if file.startswith("corpus/") else DEV / file


def _parse(label: dict):
    """The labelled document; `jsonl_line` picks one record (a page of OCR text) of a JSONL file."""
    if "jsonl_line" in label:
        lines = _path(label["file"]).read_text(encoding="utf-8").splitlines()
        return parse(json.loads(lines[label["jsonl_line"]])["content"].encode("utf-8"), name="page.txt")
    return parse(_path(label["file"]))


def _ref_key(kind: str, ident: str | None, text: str | None) -> tuple[str, str]:
    if ident:
        if kind == "url":
            return kind, re.sub(r"^https?://", "", ident).rstrip("/.").lower()
        return kind, ident
    return kind, " ".join((text or "").lower().split())


def _counts(got: Counter, want: Counter) -> tuple[int, int, int]:
    tp = sum((got & want).values())
    return tp, sum(got.values()), sum(want.values())


def evaluate(only: str = "") -> dict[str, dict[str, float]]:
    """{kind: {tp, got, want, precision, recall}} over every labelled document (those whose file
    name contains one of the comma-separated parts of `only`, when given).

    A label may cover only some reference kinds (`reference_kinds`) and leave out `figures` or
    `commitments`: what a label does not cover is not counted, so a document labelled for its
    laws alone does not count its figures as false positives."""
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    misses: dict[str, list[str]] = defaultdict(list)
    parts = [p for p in only.split(",") if p]
    for label_path in sorted(LABELS.glob("*.json")):
        if parts and not any(p in label_path.name for p in parts):
            continue
        label = json.loads(label_path.read_text(encoding="utf-8"))
        doc = _parse(label)
        covered = set(label.get("reference_kinds", []))
        by_kind_got: dict[str, Counter] = defaultdict(Counter)
        by_kind_want: dict[str, Counter] = defaultdict(Counter)
        for r in doc.references:
            if not covered or r.kind in covered:
                by_kind_got[r.kind][_ref_key(r.kind, r.id, r.text)] = 1
        for r in label.get("references", []):
            by_kind_want[r["kind"]][_ref_key(r["kind"], r.get("id"), r.get("text"))] = 1
        for kind in set(by_kind_got) | set(by_kind_want):
            tp, g, w = _counts(by_kind_got[kind], by_kind_want[kind])
            for key in by_kind_want[kind] - by_kind_got[kind]:
                misses[kind].append(f"{label_path.stem}: missed {key[1]}")
            for key in by_kind_got[kind] - by_kind_want[kind]:
                misses[kind].append(f"{label_path.stem}: extra {key[1]}")
            for i, v in enumerate((tp, g, w)):
                totals[f"ref:{kind}"][i] += v
        if "figures" in label:
            _figures(doc, label, totals)
        if "commitments" in label:
            _commitments(doc, label, totals, misses, label_path.stem)
    out = {}
    for kind, (tp, g, w) in sorted(totals.items()):
        out[kind] = {
            "tp": tp,
            "got": g,
            "want": w,
            "precision": tp / g if g else 1.0,
            "recall": tp / w if w else 1.0,
        }
    out["_misses"] = misses  # type: ignore[assignment]
    return out


def _figures(doc, label: dict, totals: dict[str, list[int]]) -> None:
    got_f = Counter((round(f.value, 2), f.unit) for f in doc.statistics if not f.location.startswith("fn"))
    want_f = Counter(
        (round(f["value"], 2), f["unit"])
        for f in label.get("figures", [])
        if not str(f.get("in", "")).startswith("fn")
    )
    for i, v in enumerate(_counts(got_f, want_f)):
        totals["figures"][i] += v
    got_v = Counter(round(f.value, 2) for f in doc.statistics if not f.location.startswith("fn"))
    want_v = Counter(
        round(f["value"], 2) for f in label.get("figures", []) if not str(f.get("in", "")).startswith("fn")
    )
    for i, v in enumerate(_counts(got_v, want_v)):
        totals["figure values"][i] += v


def _squash(text: str) -> str:
    """Letters and digits only: PDF text glues words ("zalanalyseren") and breaks them ("infor-meren")."""
    return re.sub(r"[\W_]+", "", text.lower())


def _in_scope(location: str, answers: list[int] | None) -> bool:
    if not answers or not location.startswith("a"):
        return True
    return answers[0] <= int(location[1:]) <= answers[1]


def _commitments(
    doc, label: dict, totals: dict[str, list[int]], misses: dict[str, list[str]], name: str
) -> None:
    """Commitments labelled with a `match` quote are paired one to one with found ones in the same
    place whose text holds the quote; due date and `conditional` are then compared per pair.
    Older labels without quotes are compared by place only."""
    wanted = label.get("commitments", [])
    if (wanted and all("match" in c for c in wanted)) or label.get("answers") or not wanted:
        found = [c for c in doc.commitments if _in_scope(c.location, label.get("answers"))]
        free = list(found)
        pairs = []
        for w in wanted:
            hit = next(
                (g for g in free if g.location == w["in"] and _squash(w["match"]) in _squash(g.text)), None
            )
            if hit is None:
                misses["commitments"].append(f"{name}: missed {w['in']} «{w['match']}»")
                continue
            free.remove(hit)
            pairs.append((hit, w))
        for g in free:
            misses["commitments"].append(f"{name}: extra {g.location} «{g.text[:110]}»")
        for i, v in enumerate((len(pairs), len(found), len(wanted))):
            totals["commitments"][i] += v
        due_ok = [p for p in pairs if (str(p[0].due) if p[0].due else None) == p[1].get("due")]
        for g, w in pairs:
            if (g, w) not in due_ok:
                misses["commitments+due"].append(
                    f"{name}: {w['in']} due {g.due} ({g.due_text!r}), want {w.get('due')}"
                )
        for i, v in enumerate((len(due_ok), len(found), len(wanted))):
            totals["commitments+due"][i] += v
        cond_ok = [p for p in pairs if p[0].conditional == p[1].get("conditional", False)]
        for g, w in pairs:
            if (g, w) not in cond_ok:
                misses["commitments+conditional"].append(
                    f"{name}: {w['in']} «{w['match']}» conditional {g.conditional}"
                )
        for i, v in enumerate((len(cond_ok), len(pairs), len(pairs))):
            totals["commitments+conditional"][i] += v
        return
    got_c = Counter(c.location for c in doc.commitments)
    want_c = Counter(c["in"] for c in label.get("commitments", []))
    for location, n in (got_c - want_c).items():
        texts = [c.text[:110] for c in doc.commitments if c.location == location]
        misses["commitments"].append(f"{name}: {n} extra in {location} among «" + "» «".join(texts) + "»")
    for location, n in (want_c - got_c).items():
        misses["commitments"].append(f"{name}: {n} missed in {location}")
    for i, v in enumerate(_counts(got_c, want_c)):
        totals["commitments"][i] += v
    got_d = Counter((c.location, str(c.due) if c.due else None) for c in doc.commitments)
    want_d = Counter((c["in"], c.get("due")) for c in label.get("commitments", []))
    for i, v in enumerate(_counts(got_d, want_d)):
        totals["commitments+due"][i] += v


def table(result: dict) -> str:
    lines = [f"{'kind':22} {'tp':>4} {'got':>4} {'want':>4} {'prec':>6} {'recall':>6}"]
    for kind, r in result.items():
        if kind.startswith("_"):
            continue
        lines.append(
            f"{kind:22} {r['tp']:4d} {r['got']:4d} {r['want']:4d} {r['precision']:6.1%} {r['recall']:6.1%}"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    import sys

    only = next((a.split("=", 1)[1] for a in sys.argv if a.startswith("--only=")), "")
    res = evaluate(only)
    print(table(res))
    if "-v" in sys.argv:
        for kind, items in res["_misses"].items():
            print(f"\n## {kind}")
            print("\n".join(items))
