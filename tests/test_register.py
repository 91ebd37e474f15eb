"""The commitments register: stable ids, status on a reference date, fulfilment evidence kept
right over incremental runs, and the filters — on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from register_docs import (
    BY_ASKER,
    DATABASES,
    ELSEWHERE,
    KEPT,
    OTHER_TOPIC,
    SEED_ID,
    answer,
    own_database_url,
    seed_with_id,
    write,
)
from sqlmodel import Session

from indexer.commitment_ids import commitment_keys, document_of
from indexer.commitments import Filters, get_commitment, register
from indexer.pipeline import Indexer
from indexer.workers import Limits
from kamervragen.extract.mentions import get_answer_mentions


@pytest.fixture(params=DATABASES)
def register_db(request) -> str | None:
    """None for SQLite in the data folder, else the URL of these tests' own PostgreSQL database."""
    return None if request.param == "sqlite" else own_database_url()


def knowledge_base(tmp_path: Path, db: str | None = None) -> Indexer:
    """One parse worker: these runs parse a handful of small files on a shared machine."""
    return Indexer(tmp_path / "data", db, limits=Limits(workers=1))


def entries(kb: Indexer, as_of: str, **filters):
    with Session(kb.engine) as session:
        return register(session, Filters(**filters), date.fromisoformat(as_of), page_size=100)[1]


def promise(kb: Indexer, as_of: str):
    found = [e for e in entries(kb, as_of) if e.document_id == SEED_ID]
    assert len(found) == 1
    return found[0]


@pytest.mark.parametrize(
    ("as_of", "status"),
    [
        ("2013-12-03", "open"),
        ("2014-05-30", "open"),
        ("2014-05-31", "due_soon"),  # 30 days before the end of spring
        ("2014-06-30", "due_soon"),  # the due date itself still counts
        ("2014-07-01", "overdue"),
        ("2020-01-01", "overdue"),
    ],
)
def test_founding_document_spring_2014(tmp_path, as_of, status):
    kb = knowledge_base(tmp_path)
    kb.run([seed_with_id(tmp_path / "docs")])
    e = promise(kb, as_of)
    assert e.status == status
    assert e.due == date(2014, 6, 30) and e.due_text == "in het voorjaar van 2014" and not e.vague
    assert e.text.startswith("Ik zal de Kamer in het voorjaar van 2014 nader informeren")
    assert (e.who, e.role, e.ministry) == ("Asscher", "minister", "Sociale Zaken en Werkgelegenheid")
    assert e.date == date(2013, 12, 3) and e.pair_id == f"{SEED_ID}#q2" and e.location == "a2"
    assert (e.askers, e.parties, e.co_signers, e.fulfilled_by) == (["Azmani"], ["VVD"], [], [])


def test_ids_survive_rebuilds_and_edits_before_the_sentence(tmp_path, register_db):
    docs = tmp_path / "docs"
    path = seed_with_id(docs)
    kb = knowledge_base(tmp_path, register_db)
    kb.run([docs])
    first = promise(kb, "2014-01-01").id
    assert document_of(first) == SEED_ID
    kb.run([docs], rebuild=True)
    assert promise(kb, "2014-01-01").id == first
    # a parser fix or a corrected file shifts the offsets, not the promise's words
    path.write_text(path.read_text().replace("De cijfers zijn correct.", "De cijfers kloppen zeker."))
    assert kb.run([docs]).updated == 1
    assert promise(kb, "2014-01-01").id == first
    with Session(kb.engine) as session:
        assert get_commitment(session, first, date(2014, 1, 1)).text.startswith("Ik zal de Kamer")
        assert get_commitment(session, "bestaat~niet~echt", date(2014, 1, 1)) is None
        assert get_commitment(session, "geen sleutel", date(2014, 1, 1)) is None


def test_the_same_sentence_twice_gets_two_ids():
    keys = commitment_keys(
        "d", [("a1", "Ik zal  het doen."), ("a1", "ik zal het doen"), ("a2", "Ik zal het doen.")]
    )
    assert len(set(keys)) == 3 and keys[1] == keys[0] + "-2" and keys[2].startswith("d~a2~")


def test_fulfilled_by_a_later_answer_citing_its_aanhangsel(tmp_path, register_db):
    docs = tmp_path / "docs"
    seed_with_id(docs)
    write(docs, "kept.txt", answer("ah-tk-20132014-1500", KEPT))
    kb = knowledge_base(tmp_path, register_db)
    kb.run([docs])
    kept = promise(kb, "2014-07-15")
    assert kept.status == "fulfilled"
    [evidence] = kept.fulfilled_by
    assert evidence.document_id == "ah-tk-20132014-1500" and evidence.rule == "aanhangsel"
    assert evidence.date == date(2014, 5, 2) and evidence.location == "a1"
    assert evidence.sentence.startswith("Zoals aangekondigd in mijn antwoord (Aanhangsel")
    # on a day before the later answer came, the promise was still open
    before = promise(kb, "2014-04-01")
    assert before.status == "open" and before.fulfilled_by == []
    assert [e.id for e in entries(kb, "2014-07-15", statuses=["fulfilled"])] == [kept.id]


@pytest.mark.parametrize(
    ("text", "subject"),
    [(ELSEWHERE, "de resultaten van de inburgering"), (OTHER_TOPIC, "de WW-uitkeringen van havenarbeiders")],
    ids=["unrelated-document", "other-topic"],
)
def test_a_later_answer_about_something_else_does_not_fulfil(tmp_path, register_db, text, subject):
    docs = tmp_path / "docs"
    seed_with_id(docs)
    write(
        docs,
        "later.txt",
        answer("ah-tk-20132014-1500", text, subject=subject, question="Stijgen de uitkeringen?"),
    )
    kb = knowledge_base(tmp_path, register_db)
    kb.run([docs])
    kept = promise(kb, "2014-07-15")
    assert kept.status == "overdue" and kept.fulfilled_by == []


def test_a_question_set_citing_the_promise_is_no_evidence(tmp_path, register_db):
    docs = tmp_path / "docs"
    seed_with_id(docs)
    write(
        docs,
        "asks.txt",
        "kv-tk-2014Z07002\n\nVragen van het lid Azmani (VVD) aan de minister van Sociale Zaken en "
        "Werkgelegenheid over de resultaten van de inburgering (ingezonden 10 juli 2014).\n\n"
        "Vraag 1\nWanneer stuurt u de resultaten van de inburgering van nieuwe "
        "inburgeringsplichtigen over 2013, toegezegd in Aanhangsel Handelingen II 2013/14, nr. 512?\n",
    )
    kb = knowledge_base(tmp_path, register_db)
    kb.run([docs])
    assert promise(kb, "2014-07-15").status == "overdue"


def test_evidence_indexed_before_the_promise_and_then_withdrawn(tmp_path, register_db):
    """Files arrive in any order; an edited later answer takes its evidence back."""
    kb = knowledge_base(tmp_path, register_db)
    later = write(tmp_path / "later", "kept.txt", answer("ah-tk-20132014-1500", KEPT))
    kb.run([tmp_path / "later"])
    seed_with_id(tmp_path / "promise")
    kb.run([tmp_path / "later", tmp_path / "promise"])
    assert promise(kb, "2014-07-15").status == "fulfilled"
    later.write_text(answer("ah-tk-20132014-1500", OTHER_TOPIC.replace("nr. 512", "nr. 3")))
    assert kb.run([tmp_path / "later", tmp_path / "promise"]).updated == 1
    assert promise(kb, "2014-07-15").status == "overdue"


def test_a_sister_answer_of_the_same_day_and_a_removed_file_keep_nothing(tmp_path, register_db):
    docs = tmp_path / "docs"
    seed_with_id(docs)
    kb = knowledge_base(tmp_path, register_db)
    same_day = write(docs, "same-day.txt", answer("ah-tk-20132014-513", KEPT, received="3 december 2013"))
    kb.run([docs])
    assert promise(kb, "2014-07-15").status == "overdue"
    same_day.unlink()
    write(docs, "kept.txt", answer("ah-tk-20132014-1500", KEPT))
    kb.run([docs])
    assert promise(kb, "2014-07-15").status == "fulfilled"
    (docs / "kept.txt").unlink()
    kb.run([docs], rebuild=True)  # a rebuild drops the documents no file gives any more
    assert promise(kb, "2014-07-15").status == "overdue"


def test_fulfilled_by_naming_the_asker(tmp_path, register_db):
    docs = tmp_path / "docs"
    seed_with_id(docs)
    write(docs, "kept.txt", answer("ah-tk-20132014-1500", BY_ASKER))
    write(docs, "other.txt", answer("ah-tk-20132014-1501", BY_ASKER.replace("Azmani (VVD)", "Bikker (CU)")))
    kb = knowledge_base(tmp_path, register_db)
    kb.run([docs])
    [evidence] = promise(kb, "2014-07-15").fulfilled_by
    assert evidence.rule == "toegezegd" and evidence.document_id == "ah-tk-20132014-1500"
    assert evidence.sentence.startswith("Zoals toegezegd in antwoord op vragen van het lid Azmani")


def test_naming_the_asker_keeps_only_the_closest_of_their_answers(tmp_path, register_db):
    """A member asks often: "vragen van het lid Azmani" points at one answer, the one whose
    promise the later answer speaks of most closely, not at every answer Azmani got."""
    docs = tmp_path / "docs"
    seed_with_id(docs)
    older = "Ik zal de Kamer voor de zomer informeren over de resultaten van de inburgering in 2012."
    write(docs, "older.txt", answer("ah-tk-20132014-100", older, received="1 oktober 2013"))
    write(docs, "kept.txt", answer("ah-tk-20132014-1500", BY_ASKER))
    kb = knowledge_base(tmp_path, register_db)
    kb.run([docs])
    found = {e.document_id: e for e in entries(kb, "2014-07-15")}
    assert found[SEED_ID].status == "fulfilled"
    assert found["ah-tk-20132014-100"].status == "overdue"


def test_an_answer_without_a_date_gives_no_date(tmp_path, register_db):
    docs = tmp_path / "docs"
    write(
        docs,
        "undated.txt",
        answer(
            "ah-tk-20132014-1600",
            "Ik zal de Kamer voor de zomer informeren over de wachtlijsten in de jeugdzorg.",
            received=None,
        ),
    )
    write(
        docs,
        "vague.txt",
        answer(
            "ah-tk-20132014-1601",
            "Ik zal de Kamer op korte termijn informeren over de wachtlijsten in de jeugdzorg.",
        ),
    )
    kb = knowledge_base(tmp_path, register_db)
    kb.run([docs])
    for as_of in ("2000-01-01", "2014-07-15", "2099-01-01"):
        found = {e.document_id: e for e in entries(kb, as_of)}
        assert found["ah-tk-20132014-1600"].status == "no_date"
        assert found["ah-tk-20132014-1600"].date is None
        assert found["ah-tk-20132014-1601"].status == "no_date"
        assert found["ah-tk-20132014-1601"].vague


@pytest.fixture
def three(tmp_path, register_db) -> Indexer:
    """The founding promise, one of a state secretary with a co-signer, and one kept."""
    docs = tmp_path / "docs"
    seed_with_id(docs)
    write(
        docs,
        "youth.txt",
        answer(
            "ah-tk-20232024-902",
            "Ik zal de Kamer voor de zomer informeren over de wachtlijsten in de jeugdzorg.",
            subject="de wachtlijsten in de jeugdzorg",
            asker="Bikker (ChristenUnie)",
            answerer="staatssecretaris Maeijer (Volksgezondheid, Welzijn en Sport), mede namens de "
            "minister van Justitie en Veiligheid",
            received="4 maart 2024",
            submitted="5 februari 2024",
        ),
    )
    write(docs, "kept.txt", answer("ah-tk-20132014-1500", KEPT))
    kb = knowledge_base(tmp_path, register_db)
    kb.run([docs])
    return kb


def ids(kb: Indexer, as_of: str = "2024-06-15", **filters) -> list[str]:
    """The promises' documents, leaving out the kept answer's own sentence: whether "stuur ik u
    hierbij" is a promise is for the extraction to decide, not for these tests."""
    return [e.document_id for e in entries(kb, as_of, **filters) if e.document_id != "ah-tk-20132014-1500"]


def test_filters_and_order(three):
    youth = "ah-tk-20232024-902"
    assert ids(three, minister="maeijer") == [youth]
    assert ids(three, minister="Asscher") == [SEED_ID]
    assert ids(three, ministry="VWS") == ids(three, ministry="Volksgezondheid, Welzijn en Sport") == [youth]
    assert ids(three, ministry="SZW") == [SEED_ID]
    assert ids(three, party="christenunie") == [youth] and ids(three, party="VVD") == [SEED_ID]
    assert ids(three, due_from=date(2024, 1, 1)) == [youth]
    assert ids(three, due_to=date(2014, 12, 31)) == [SEED_ID]
    assert ids(three, q="wachtlijsten JEUGDZORG") == [youth] and ids(three, q="jeugdzorg inburgering") == []
    assert ids(three, q="100%_") == []  # no wildcards
    assert ids(three, statuses=["due_soon"]) == [youth]
    assert ids(three, statuses=["fulfilled"]) == [SEED_ID]
    assert ids(three, as_of="2024-08-01", statuses=["overdue"]) == [youth]
    assert ids(three, as_of="2014-01-01") == [SEED_ID, youth]  # the earliest due date first
    with Session(three.engine) as session:
        total, page = register(session, Filters(q="informeren"), date(2024, 8, 1), page=2, page_size=1)
    assert total == 2 and [e.document_id for e in page] == [SEED_ID]  # overdue first, fulfilled last


def test_co_signers_mede_namens(three):
    [e] = entries(three, "2024-03-10", minister="Maeijer")
    assert (e.who, e.role, e.ministry, e.status) == (
        "Maeijer",
        "staatssecretaris",
        "Volksgezondheid, Welzijn en Sport",
        "open",
    )
    assert [(s.role, s.ministry, s.mede_namens) for s in e.co_signers] == [
        ("minister", "Justitie en Veiligheid", True)
    ]


def test_answer_mentions():
    [found] = get_answer_mentions(
        "Dat is gebeurd. " + BY_ASKER.replace("Azmani (VVD)", "Van der Lee (GL) en De Vries"), "a3"
    )
    assert found.members == ["Van der Lee", "De Vries"] and found.location == "a3" and found.start == 16
    # naming earlier questions without speaking of a promise is only context
    assert get_answer_mentions("In antwoord op vragen van het lid Azmani gaf ik aan dat het goed gaat.") == []
