"""Cases: question sets, notices of delay and answers linked into one zaak, on both engines,
whatever order they were stored in; and the real dev documents the pipeline links."""

from __future__ import annotations

import itertools
import shutil
from datetime import date

from case_support import (
    answer,
    db,
    engine,
    notice,
    own_postgres,
    questions,
    save,
    see_also,
    write_answer_file,
)
from sqlmodel import Session

from indexer import models as m
from indexer.cases import all_cases, case_of
from indexer.pipeline import Indexer
from indexer.store import delete_document

__all__ = ["db", "engine", "own_postgres"]  # fixtures used by the tests below

Z = "2024Z90001"
SUBMITTED, NOTICED, ANSWERED = date(2024, 10, 1), date(2024, 10, 22), date(2024, 11, 12)


def kinds(case) -> list[str]:
    return [e.kind for e in case.events]


def test_question_notice_and_answer_are_one_case(engine):
    save(
        engine,
        questions(Z, SUBMITTED),
        notice(801, Z, SUBMITTED, NOTICED),
        answer(802, Z, SUBMITTED, ANSWERED),
    )
    with Session(engine) as session:
        cases = {
            doc_id: case_of(session, doc_id)
            for doc_id in (f"kv-tk-{Z}", "ah-tk-20242025-801", "ah-tk-20242025-802")
        }
        everything = all_cases(session)
    assert len({c.key for c in cases.values()}) == 1
    case = cases[f"kv-tk-{Z}"]
    assert case == everything[0] and len(everything) == 1
    assert case.key == Z and case.question_id == f"kv-tk-{Z}"
    assert kinds(case) == ["submitted", "delay", "answer"]
    assert [e.date for e in case.events] == [SUBMITTED, NOTICED, ANSWERED]
    assert [e.days for e in case.events] == [None, 21, 42]
    assert case.events[1].reason == "de afstemming kost meer tijd"
    assert [e.document_id for e in case.events] == [f"kv-tk-{Z}", "ah-tk-20242025-801", "ah-tk-20242025-802"]
    assert case.answered and case.answered_on == ANSWERED and case.days == 42
    assert case.delay_notices == [NOTICED]
    assert case.ministers == ["Bewindspersoon"] and case.ministries == ["Justitie en Veiligheid"]


def test_linking_holds_in_every_storing_order(engine):
    docs = [questions(Z, SUBMITTED), notice(801, Z, SUBMITTED, NOTICED), answer(802, Z, None, ANSWERED)]
    seen = set()
    for order in itertools.permutations(docs):
        save(engine, *order)
        with Session(engine) as session:
            case = case_of(session, "ah-tk-20242025-802")
            seen.add((case.key, tuple(case.document_ids), tuple(kinds(case)), case.submitted, case.days))
            for doc in docs:
                delete_document(session, doc.id)
            session.commit()
    assert seen == {
        (
            Z,
            ("ah-tk-20242025-801", "ah-tk-20242025-802", f"kv-tk-{Z}"),
            ("submitted", "delay", "answer"),
            SUBMITTED,
            42,
        )
    }


def test_answer_stored_before_its_question_set(engine):
    save(engine, answer(802, Z, None, ANSWERED))
    with Session(engine) as session:
        alone = case_of(session, "ah-tk-20242025-802")
    assert alone.question_id is None and alone.submitted is None and kinds(alone) == ["answer"]
    save(engine, questions(Z, SUBMITTED))
    with Session(engine) as session:
        joined = case_of(session, "ah-tk-20242025-802")
    assert joined.question_id == f"kv-tk-{Z}" and joined.submitted == SUBMITTED and joined.days == 42


def test_nader_antwoord_follows_the_first_answer(engine):
    later = date(2025, 1, 20)
    save(
        engine,
        answer(803, None, SUBMITTED, later, refs=[see_also("ah-tk-20242025-802")]),  # no zaak number printed
        answer(802, Z, SUBMITTED, ANSWERED),
        questions(Z, SUBMITTED),
    )
    with Session(engine) as session:
        case = case_of(session, "ah-tk-20242025-803")
        assert [c.key for c in all_cases(session)] == [Z]
    assert kinds(case) == ["submitted", "answer", "further_answer"]
    assert [e.label for e in case.events] == ["Ingezonden", "Antwoord", "Nader antwoord"]
    assert case.answered_on == ANSWERED and case.answer_id == "ah-tk-20242025-802"


def test_see_also_links_a_notice_without_zaak_number(engine):
    save(
        engine,
        notice(801, None, SUBMITTED, NOTICED),
        answer(802, None, SUBMITTED, ANSWERED, refs=[see_also("ah-tk-20242025-801")]),
    )
    with Session(engine) as session:
        from_notice = case_of(session, "ah-tk-20242025-801")
    assert kinds(from_notice) == ["submitted", "delay", "answer"]
    assert from_notice.key == "ah-tk-20242025-801" and from_notice.case_number is None
    assert from_notice.events[0].document_id is None  # the questions themselves are not held


def test_see_also_never_merges_two_question_sets(engine):
    other = date(2024, 9, 2)
    save(
        engine,
        notice(801, None, other, NOTICED),  # another set's notice: different ingezonden date
        notice(804, "2024Z90002", SUBMITTED, NOTICED),  # the same date, but another zaak
        answer(
            802, Z, SUBMITTED, ANSWERED, refs=[see_also("ah-tk-20242025-801"), see_also("ah-tk-20242025-804")]
        ),
    )
    with Session(engine) as session:
        case = case_of(session, "ah-tk-20242025-802")
        assert len(all_cases(session)) == 3
    assert case.document_ids == ["ah-tk-20242025-802"] and kinds(case) == ["submitted", "answer"]


def test_see_also_compares_the_whole_case(engine):
    """The notice prints no date, but its zaak's question set was submitted on another day."""
    save(
        engine,
        questions("2024Z90003", date(2024, 9, 2)),
        notice(806, "2024Z90003", None, NOTICED),
        answer(802, None, SUBMITTED, ANSWERED, refs=[see_also("ah-tk-20242025-806")]),
    )
    with Session(engine) as session:
        assert case_of(session, "ah-tk-20242025-802").document_ids == ["ah-tk-20242025-802"]
        assert len(all_cases(session)) == 2


def test_zaak_number_set_later_links_the_answer(engine):
    """Another source (Tweede Kamer data) may set the zaak number after indexing."""
    save(engine, questions(Z, SUBMITTED), answer(802, None, SUBMITTED, ANSWERED))
    with Session(engine) as session:
        assert case_of(session, "ah-tk-20242025-802").question_id is None
        session.get(m.DocumentRow, "ah-tk-20242025-802").case_number = Z
        session.commit()
        assert case_of(session, "ah-tk-20242025-802").question_id == f"kv-tk-{Z}"


def test_answered_elsewhere_closes_the_case(engine):
    save(engine, questions(Z, SUBMITTED), notice(805, Z, SUBMITTED, NOTICED, kind="answered_elsewhere"))
    with Session(engine) as session:
        case = case_of(session, f"kv-tk-{Z}")
    assert kinds(case) == ["submitted", "answered_elsewhere"]
    assert case.answered and case.answered_on == NOTICED and case.answer_id == "ah-tk-20242025-805"


def test_no_case_for_an_unknown_document(engine):
    with Session(engine) as session:
        assert case_of(session, "ah-tk-20242025-1") is None
        assert all_cases(session) == []


def test_pipeline_links_a_real_notice_with_an_answer_indexed_first(tmp_path, dev, db):
    """The dev notice of delay ah-tk-20242025-562 (zaak 2024Z16988, submitted 25 October 2024,
    notice received 15 November 2024) and a constructed answer to the same zaak, indexed in two
    runs with the answer first."""
    data = tmp_path / "data"
    answer_file = write_answer_file(tmp_path / "first", 990, "2024Z16988", "2 december 2024")
    assert Indexer(data, db=db).run([answer_file]).added == 1
    real = tmp_path / "second" / "notice.txt"
    real.parent.mkdir()
    shutil.copy(dev / "kamervragen-limburg-csv" / "text" / "008_ah-tk-20242025-562_mededeling.txt", real)
    indexer = Indexer(data, db=db)
    assert indexer.run([real]).added == 1
    with Session(indexer.engine) as session:
        case = case_of(session, "ah-tk-20242025-990")
        assert case == case_of(session, "ah-tk-20242025-562")
    assert case.key == "2024Z16988" and case.document_ids == ["ah-tk-20242025-562", "ah-tk-20242025-990"]
    assert kinds(case) == ["submitted", "delay", "answer"]
    assert [e.date for e in case.events] == [date(2024, 10, 25), date(2024, 11, 15), date(2024, 12, 2)]
    assert "afstemming" in (case.events[1].reason or "")
    assert case.days == 38 and case.ministries == ["Volksgezondheid, Welzijn en Sport"]
    indexer.engine.dispose()
