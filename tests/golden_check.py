"""Compare parser output with the hand-written golden labels; shared by the tests and reports."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from kamervragen import parse
from kamervragen.errors import ParseError

ROOT = Path(__file__).resolve().parent
DEV = ROOT.parent.parent / "shared" / "corpus" / "dev"
GOLDEN = ROOT / "golden"
FIXTURES = ROOT / "fixtures"

METADATA_FIELDS = (
    "kind",
    "id",
    "case_number",
    "vergaderjaar",
    "aanhangsel_number",
    "askers",
    "addressees",
    "answerers",
    "submitted",
    "received",
    "subject_word",
)


@dataclass
class Outcome:
    """How one rendering of one labelled document came out."""

    label: str
    file: str
    structure_ok: bool = False
    metadata: dict[str, bool] = field(default_factory=dict)
    footnotes_ok: bool = False
    problems: list[str] = field(default_factory=list)


def labels() -> list[tuple[Path, dict]]:
    out = []
    for path in sorted(GOLDEN.rglob("*.json")):
        out.append((path, json.loads(path.read_text(encoding="utf-8"))))
    return out


def _norm_person(p: dict) -> tuple:
    return tuple((str(p.get(k)) if p.get(k) is not None else None) for k in ("name", "role", "ministry"))


def compare(label_path: Path, label: dict, file: str, base: Path = DEV) -> Outcome:
    out = Outcome(label=label_path.name, file=file)
    try:
        doc = parse(base / file)
    except ParseError as exc:
        if label.get("error") or label.get("not_a_document"):
            out.structure_ok = True
            out.footnotes_ok = True
            out.metadata = {f: True for f in METADATA_FIELDS}
            return out
        out.problems.append(f"error: {exc}")
        out.metadata = {f: False for f in METADATA_FIELDS}
        return out
    if label.get("error") or label.get("not_a_document"):
        out.problems.append("parsed, but the label says it is not a parseable document")
        out.metadata = {f: False for f in METADATA_FIELDS}
        return out
    got = doc.to_json_dict()
    partial = label.get("partial", False)
    dumped = json.dumps(got, ensure_ascii=False)
    for forbidden in label.get("must_not_contain", []):
        if forbidden in dumped:
            out.problems.append(f"output contains {forbidden!r}")
            out.structure_ok = False
            out.metadata["must_not_contain"] = False

    questions = [q.number for q in doc.questions]
    answers = [a.numbers for a in doc.answers]
    want_q = label.get("questions", [])
    want_a = label.get("answers", [])
    if partial:
        ok = questions[: len(want_q)] == want_q and answers[: len(want_a)] == want_a
    else:
        ok = questions == want_q and answers == want_a
    out.structure_ok = ok and not any(p.startswith("output contains") for p in out.problems)
    if not ok:
        out.problems.append(f"questions {questions} != {want_q}" if questions != want_q else "")
        if answers != want_a:
            out.problems.append(f"answers {answers} != {want_a}")

    def check(field_name: str, good: bool, detail: str) -> None:
        out.metadata[field_name] = good
        if not good:
            out.problems.append(f"{field_name}: {detail}")

    for f in ("kind", "id", "case_number", "vergaderjaar", "aanhangsel_number", "submitted", "received"):
        if f not in label or (partial and label[f] is None):
            continue
        check(f, got.get(f) == label[f], f"{got.get(f)!r} != {label[f]!r}")
    if "askers" in label:
        got_a = [(a["name"], a["party"]) for a in got["askers"]]
        want = [(a["name"], a.get("party")) for a in label["askers"]]
        check("askers", got_a == want, f"{got_a} != {want}")
    if "addressees" in label:
        got_ad = [a.casefold() for a in got["addressees"]]
        want = [a.casefold() for a in label["addressees"]]
        check("addressees", got_ad == want, f"{got_ad} != {want}")
    if "answerers" in label:
        got_p = [_norm_person(p) for p in got["answerers"]]
        want = [_norm_person(p) for p in label["answerers"]]
        check("answerers", got_p == want, f"{got_p} != {want}")
    if label.get("subject_word"):
        subject = got.get("subject") or ""
        check("subject_word", label["subject_word"].casefold() in subject.casefold(), repr(subject))
    if "footnotes" in label:
        n = len(doc.footnotes)
        out.footnotes_ok = n == label["footnotes"]
        if not out.footnotes_ok:
            out.problems.append(f"footnotes {n} != {label['footnotes']}")
    else:
        out.footnotes_ok = True
    out.problems = [p for p in out.problems if p]
    return out


def run_all() -> list[Outcome]:
    results = []
    for path, label in labels():
        for file in label.get("files", []):
            results.append(compare(path, label, file))
    return results


def fixture_labels() -> list[tuple[Path, dict]]:
    return [(p, json.loads(p.read_text(encoding="utf-8"))) for p in sorted(FIXTURES.rglob("*.expected.json"))]


def run_fixtures() -> list[Outcome]:
    results = []
    for path, label in fixture_labels():
        for file in label.get("files", []):
            results.append(compare(path, label, file, base=path.parent))
    return results


def report(results: list[Outcome]) -> str:
    lines = []
    for r in results:
        if r.problems:
            lines.append(f"{r.file}\n    " + "\n    ".join(r.problems))
    n = len(results)
    s = sum(r.structure_ok for r in results)
    m_total = sum(len(r.metadata) for r in results)
    m_ok = sum(sum(r.metadata.values()) for r in results)
    f = sum(r.footnotes_ok for r in results)
    lines.append(
        f"structure {s}/{n} = {s / max(n, 1):.1%}; metadata fields {m_ok}/{m_total} = "
        f"{m_ok / max(m_total, 1):.1%}; footnote counts {f}/{n} = {f / max(n, 1):.1%}"
    )
    return "\n".join(lines)


if __name__ == "__main__":
    print(report(run_all()))
    print(report(run_fixtures()))
