"""The fact ledger: statements of the founding document (roles, confirmation, the newer 1.084),
a correction, measure keys that never merge different units or a part with its whole, claims in
Dutch number formats, the stored ledger on both engines, and the claim lookup's relations."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import DATABASES, fresh_database
from sqlmodel import Session, select

from indexer import facts
from indexer.fact_tables import MeasureRow, StatementRow
from indexer.pipeline import Indexer
from kamervragen import parse
from kamervragen.extract.statements import claim_figures, document_statements, measure_key
from kamervragen.spans import Figure

CORRECTION = """Vragen van het lid Jansen (SP) aan de staatssecretaris van Justitie en Veiligheid over de \
opvang van asielzoekers (ingezonden 3 maart 2024).

Antwoord van staatssecretaris De Vries (Justitie en Veiligheid) (ontvangen 28 maart 2024)

Vraag 1
Klopt het dat in 2023 ruim 1.200 asielzoekers in noodopvang in sporthallen sliepen?

Antwoord 1
Het genoemde aantal klopt niet, het gaat om 1.450 asielzoekers die in 2023 in noodopvang sliepen.

Vraag 2
Hoeveel gemeenten boden noodopvang aan?

Antwoord 2
In 2023 boden 87 gemeenten noodopvang aan.
"""
CLAIM = "Slechts 923 van de 7.803 nieuwe inburgeraars sloten een lening af bij DUO"


def _by_text(statements):
    return {s.figure.text: s for s in statements}


# --- domain -----------------------------------------------------------------------------------
def test_seed_statements(seed_path):
    st = _by_text(document_statements(parse(seed_path)))
    assert "10 maanden" not in st  # "de afgelopen 10 maanden" dates the others, it is no statement
    asked, whole, newer, newer_whole = (
        st["923 mensen"],
        st["7.803 nieuwe inburgeraars"],
        st["1.084 personen"],
        st["8.283 nieuwkomers"],
    )
    assert (asked.figure.role, asked.verdict, asked.figure.confirmed) == ("question", "confirmed", True)
    assert (newer.figure.role, newer.verdict) == ("answer", None)
    assert (newer.figure.as_of, newer.figure.source) == ("2013-11-01", "Informatiesysteem Inburgering")
    assert asked.figure.part_of == 7803 and newer.figure.part_of == 8283
    # the answer's "recentere cijfers" update the question's: same measure, part with part
    assert asked.key == newer.key and "lening" in asked.key and "inburgeraar" in asked.key
    assert whole.key == newer_whole.key
    assert asked.key != whole.key  # a part is never its whole
    assert "deel" in asked.label


def test_correction_is_recorded():
    doc = parse(CORRECTION.encode(), name="correctie.txt")
    st = _by_text(document_statements(doc))
    wrong, right = st["1.200 asielzoekers"], st["1.450 asielzoekers"]
    assert wrong.verdict == "corrected" and wrong.figure.corrected and not wrong.figure.confirmed
    assert right.corrects and right.key == wrong.key
    assert st["87 gemeenten"].verdict is None and not st["87 gemeenten"].corrects


def _fig(text: str, value: float, unit: str, subject: str | None = None, part_of: float | None = None):
    return Figure(
        location="a1",
        start=0,
        end=len(text),
        text=text,
        value=value,
        unit=unit,
        subject=subject,
        part_of=part_of,
    )


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (_fig("40 scholen", 40, "count", "school"), _fig("40%", 40, "percent", "school")),
        (_fig("40 scholen", 40, "count", "school"), _fig("€ 40", 40, "euro", "school")),
        (
            _fig("40 leraren", 40, "persons", "leraar"),
            _fig("40 leraren", 40, "persons", "leraar", part_of=90),
        ),
        (_fig("40 leraren", 40, "persons", "leraar"), _fig("40 weken", 40, "week", "leraar")),
    ],
)
def test_measure_keys_never_merge_units_or_parts(a, b):
    sentence = a.text + " met een subsidie"
    assert measure_key(a, sentence, 0)[0] != measure_key(b, sentence, 0)[0]


def test_average_is_another_measure():
    total = _fig("40 dagen", 40, "day", "wachttijd")
    average = total.model_copy(update={"start": 10, "end": 18})
    assert (
        measure_key(total, "40 dagen voor een behandeling", 0)[0]
        != measure_key(average, "gemiddeld 40 dagen voor een behandeling", 0)[0]
    )


def test_unknown_subject_stays_alone():
    assert measure_key(_fig("1.234", 1234, "count"), "1.234 in totaal", 0)[0] is None


@pytest.mark.parametrize(
    ("claim", "value", "unit"),
    [
        ("In 2023 waren er 7.803 nieuwe inburgeraars", 7803, "persons"),
        ("Er wachten 1,5 miljoen mensen op een woning", 1_500_000, "persons"),
        ("Het gaat om ruim tweeduizend agenten", 2000, "persons"),
        ("12% van de jongeren rookt", 12, "percent"),
        ("Het kabinet trekt € 2,3 mln uit voor de regeling", 2_300_000, "euro"),
        ("Er zijn 46 890 aanvragen gedaan", 46_890, "count"),
        ("Het tekort is 3,2 miljard euro", 3_200_000_000, "euro"),
    ],
)
def test_claim_figures_in_dutch_formats(claim, value, unit):
    found = claim_figures(claim)
    assert [(f.value, f.unit) for f in found] == [(value, unit)]


def test_claim_years_are_no_figures():
    assert claim_figures("Sinds 2015 is er niets veranderd") == []


# --- the stored ledger ------------------------------------------------------------------------
@pytest.fixture(params=DATABASES)
def ledger_db(request, tmp_path):
    """SQLite in the data folder, or a PostgreSQL database of this module's own, so that other
    tests sharing the test server are not disturbed (nor disturb these)."""
    if request.param == "sqlite":
        return None
    return fresh_database("facts")


def _index(tmp_path: Path, db: str | None, *sources: Path, rebuild: bool = False) -> Indexer:
    ix = Indexer(tmp_path / "data", db=db)
    ix.run(list(sources), rebuild=rebuild)
    return ix


def test_ledger_of_the_founding_document(tmp_path, seed_path, ledger_db):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(seed_path, folder / "azmani.txt")
    ix = _index(tmp_path, ledger_db, folder)
    with Session(ix.engine) as session:
        rows = {r.text: r for r in session.exec(select(StatementRow))}
        ids = sorted(rows[t].id for t in rows)
        asked, newer = rows["923 mensen"], rows["1.084 personen"]
        assert asked.measure_id == newer.measure_id and newer.updates == asked.id
        assert asked.pair_id and asked.pair_id.endswith("#q2") and asked.question_numbers == "2"
        assert asked.ministry == "Sociale Zaken en Werkgelegenheid"
        detail = facts.measure(session, asked.measure_id)
        assert [s.text for s in detail.series] == ["1.084 personen", "923 mensen"]  # latest first
        assert detail.series[1].verdict == "confirmed" and detail.conflicts == []
        assert session.get(MeasureRow, asked.measure_id).unit == "persons"
        found = facts.lookup(session, ix.backend, CLAIM, limit=5)
        relations = [(m.text, m.relation) for m in found.matches]
        assert relations[:2] == [("923 mensen", "equals"), ("1.084 personen", "newer")]
        assert (
            found.matches[1].as_of == "2013-11-01"
            and found.matches[1].source == "Informatiesysteem Inburgering"
        )
    # re-indexing from scratch gives the same ids
    ix = _index(tmp_path, ledger_db, folder, rebuild=True)
    with Session(ix.engine) as session:
        assert sorted(r.id for r in session.exec(select(StatementRow))) == ids
    # a document removed takes its statements with it
    (folder / "azmani.txt").unlink()
    (folder / "other.txt").write_text(CORRECTION, encoding="utf-8")
    ix = _index(tmp_path, ledger_db, folder, rebuild=True)
    with Session(ix.engine) as session:
        texts = {r.text for r in session.exec(select(StatementRow))}
        assert "923 mensen" not in texts and "1.450 asielzoekers" in texts
        wrong = session.exec(select(StatementRow).where(StatementRow.text == "1.200 asielzoekers")).one()
        detail = facts.measure(session, wrong.measure_id)
        assert [(c.corrected.text, c.correction.text) for c in detail.corrections] == [
            ("1.200 asielzoekers", "1.450 asielzoekers")
        ]
        claim = facts.lookup(session, ix.backend, "In 2023 sliepen 1.200 asielzoekers in sporthallen")
        assert [(m.text, m.relation, m.verdict) for m in claim.matches[:2]] == [
            ("1.200 asielzoekers", "equals", "corrected"),
            ("1.450 asielzoekers", "differs", None),
        ]
        assert claim.matches[1].corrects == wrong.id


@pytest.fixture(scope="module")
def dev_ledger(tmp_path_factory, dev, seed_path):
    """The founding document and the Word letters of the dev corpus, each as .docx and as text:
    two renderings stored as two documents, so every figure in them is an obvious repeat."""
    folder = tmp_path_factory.mktemp("facts-in")
    shutil.copy(seed_path, folder / "azmani.txt")
    data = tmp_path_factory.mktemp("facts-data")
    ix = Indexer(data)
    ix.run([folder, dev / "codewith-kamervragen-docx" / "docx", dev / "codewith-kamervragen-docx" / "text"])
    return ix


def test_obvious_repeats_share_a_measure(dev_ledger):
    """Each labelled figure of the Word letters stands in both renderings; with a measure key
    it must be one measure in both (the repeat grouped), and never two values for one date
    apart from a stated conflict."""
    import json

    labels = Path(__file__).parent / "extraction_labels"
    grouped = checked = 0
    with Session(dev_ledger.engine) as session:
        for label in sorted(labels.glob("codewith-*.figures-heldback.json")):
            for fig in json.loads(label.read_text())["figures"]:
                rows = session.exec(
                    select(StatementRow).where(
                        StatementRow.value == fig["value"], StatementRow.unit == fig["unit"]
                    )
                ).all()
                docs = {r.document_id for r in rows}
                if len(docs) < 2:
                    continue
                checked += 1
                measures = {r.measure_id for r in rows if r.location == fig["in"]}
                if len(measures) == 1:
                    grouped += 1
    assert checked >= 5
    assert grouped / checked >= 0.6, (grouped, checked)


def test_measures_never_mix_units_or_parts(dev_ledger):
    with Session(dev_ledger.engine) as session:
        rows = session.exec(select(StatementRow)).all()
        by: dict[str, list[StatementRow]] = {}
        for r in rows:
            by.setdefault(r.measure_id, []).append(r)
        for members in by.values():
            assert len({r.unit for r in members}) == 1
            assert len({r.part_of is None for r in members}) == 1
            assert len({r.ministry for r in members}) == 1
        assert any(len(m) > 1 for m in by.values())


def test_lookup_relations(dev_ledger):
    with Session(dev_ledger.engine) as session:
        backend = dev_ledger.backend
        other = facts.lookup(session, backend, "Slechts 950 nieuwe inburgeraars sloten een lening af bij DUO")
        assert other.matches and {m.relation for m in other.matches[:3]} <= {"differs", "related"}
        assert any(m.text == "923 mensen" and m.relation == "differs" for m in other.matches[:4])
        words = facts.lookup(session, backend, "nieuwe inburgeraars sloten een lening af bij DUO")
        assert words.figures == [] and words.matches
        assert {m.relation for m in words.matches} == {"related"}
        assert words.matches[0].document_id.startswith("azmani")
        older = facts.lookup(session, backend, "Aan 1.084 inburgeraars is een lening toegekend", limit=4)
        assert [(m.text, m.relation) for m in older.matches[:2]] == [
            ("1.084 personen", "equals"),
            ("923 mensen", "older"),
        ]


class _Frequencies:
    """A backend that knows how many of 100,000 pairs hold each word, and records the queries
    the claim lookup asks."""

    def __init__(self, counts: dict[str, int]) -> None:
        self.counts = counts
        self.asked: list[str] = []

    def word_frequencies(self, words: list[str]) -> tuple[int, list[int]]:
        return 100_000, [self.counts.get(w.lower(), 0) for w in words]

    def iter_hits(self, request, limit: int):
        self.asked.append(request.query)
        return iter([])


def test_claim_searched_by_its_rarest_words():
    """The CLAIM_WORDS rarest words the index holds, in the claim's order; a claim with a figure
    whose words are all common is not searched by them (its figure still is), one without is."""
    rare = {"inburgeraars": 40, "lening": 900, "duo": 300, "sloten": 2000, "nieuwe": 9000, "stelsel": 700}
    backend = _Frequencies(rare)
    facts._text_hits(
        backend, "Slechts nieuwe inburgeraars sloten een lening af bij DUO stelsel onbekend", True
    )
    assert backend.asked == ["inburgeraars OR sloten OR lening OR DUO OR stelsel"]
    common = _Frequencies({"nieuwe": 9000, "sloten": 6000})
    facts._text_hits(common, "nieuwe sloten", True)
    assert common.asked == []
    facts._text_hits(common, "nieuwe sloten", False)
    assert common.asked == ["nieuwe OR sloten"]


def test_a_claims_statement_is_read_among_many_of_the_same_figure(tmp_path):
    """A common value is stated far more often than a lookup reads per figure (FIGURE_ROWS): the
    statements sharing one of the claim's rarest words are read first, so the claim's own one is
    found even with no text match at all."""
    from sqlalchemy import insert

    from indexer.store import database_url, make_engine

    engine = make_engine(database_url(tmp_path))
    rows = [
        dict(
            id=f"s{i:05d}",
            document_id=f"kv-{i}",
            location="answer 1",
            start=0,
            end=2,
            text="12",
            value=12.0,
            unit="count",
            role="answer",
            sentence=f"Er waren 12 meldingen over onderwerp {i}.",
            measure_id=f"m{i:05d}",
        )
        for i in range(facts.FIGURE_ROWS + 100)
    ]
    rows[-1]["sentence"] = "In 2024 zijn 12 zonnepanelenparken aangesloten."
    with engine.begin() as conn:
        if conn.dialect.name == "sqlite":
            conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
        conn.execute(insert(StatementRow), rows)
    backend = _Frequencies({"zonnepanelenparken": 3, "aangesloten": 2000})
    with Session(engine) as session:
        found = facts.lookup(session, backend, "Er zijn 12 zonnepanelenparken aangesloten", limit=3)
    assert found.matches[0].id == rows[-1]["id"]
    assert found.matches[0].relation == "equals"
