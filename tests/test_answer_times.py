"""Answer times: medians and shares on a constructed set whose answers are worked out by hand,
the unanswered list on a fixed reference date, periods, and the page and API with bad input."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from case_support import answer, db, notice, own_postgres, questions, save
from fastapi.testclient import TestClient

from indexer.answer_times import Filters, answer_times, period_bounds
from indexer.cases import EVENT_LABELS, Case, CaseEvent
from indexer.store import database_url, make_engine
from web.app import create_app
from web.cases import bar_chart
from web.settings import Settings

__all__ = ["db", "own_postgres"]  # fixtures used by the tests below

AS_OF = date(2024, 12, 31)


def event(kind: str, day: date | None, doc: str | None = None) -> CaseEvent:
    return CaseEvent(kind=kind, label=EVENT_LABELS[kind], date=day, document_id=doc)


def case(
    key: str,
    submitted: date,
    answered: int | None = None,
    delays: tuple[int, ...] = (),
    ministry: str = "A",
    minister: str | None = None,
    oral: bool = False,
) -> Case:
    """A case submitted on `submitted`, with notices of delay and an answer `delays`/`answered`
    days later."""
    events = [event("submitted", submitted, f"kv-{key}")]
    events += [event("delay", submitted + timedelta(days=d), f"n-{key}-{d}") for d in delays]
    if answered is not None:
        events.append(event("answer", submitted + timedelta(days=answered), f"a-{key}"))
    events.sort(key=lambda e: e.date)
    return Case(
        key=key,
        case_number=key,
        subject=f"case {key}",
        document_ids=[e.document_id for e in events],
        question_id=f"kv-{key}",
        oral=oral,
        submitted=submitted,
        answered=answered is not None,
        answered_on=submitted + timedelta(days=answered) if answered is not None else None,
        answer_id=f"a-{key}" if answered is not None else None,
        delay_notices=[submitted + timedelta(days=d) for d in delays],
        ministers=[minister] if minister and answered is not None else [],
        ministries=[ministry],
        events=events,
    )


OCT1, NOV1 = date(2024, 10, 1), date(2024, 11, 1)
CASES = [
    case("c1", OCT1, answered=14, minister="X"),  # in time
    case("c2", OCT1, answered=40, delays=(19,), minister="X"),  # late, with a notice of delay
    case("c3", OCT1, answered=30, ministry="B", minister="Y"),  # late without notice
    case("c4", date(2024, 12, 20)),  # still inside its term on 31 December
    case("c5", NOV1, delays=(20,)),  # overdue, with a notice
    case("c6", NOV1, answered=70, minister="Y"),  # answered 10 January 2025: after the reference date
    case("c7", OCT1, oral=True),  # oral questions: not counted
    case("c8", date(2023, 10, 2), answered=21, minister="X"),  # on the last day of the term
    case("c9", OCT1, answered=35, delays=(36,), minister="X"),  # the notice came after the answer
]


def test_figures_on_a_known_set():
    result = answer_times(CASES, Filters(as_of=AS_OF))
    t = result.total
    assert (t.sets, t.answered, t.decided) == (8, 5, 7)
    assert t.median_days == 30.0  # 14, 21, 30, 35, 40
    assert (t.within_term, t.share_within_term) == (2, round(2 / 7, 4))
    assert (t.with_notice, t.share_with_notice) == (2, round(2 / 7, 4))  # c2 and c5; c9's came late
    assert t.late_without_notice == 2  # c3 and c9
    assert t.overdue == 2  # c5 and c6


def test_groups_by_ministry_minister_and_period():
    result = answer_times(CASES, Filters(as_of=AS_OF))
    ministries = {r.group: r for r in result.by_ministry}
    assert [r.group for r in result.by_ministry] == ["A", "B"]
    assert (ministries["A"].sets, ministries["A"].median_days) == (7, 28.0)  # 14, 21, 35, 40
    assert (ministries["B"].sets, ministries["B"].late_without_notice) == (1, 1)
    ministers = {r.group: r.sets for r in result.by_minister}
    # c6, unanswered on 31 December, counts for the minister who answered it later
    assert ministers == {"X": 4, "Y": 2, "onbekend": 2}
    assert [(r.group, r.sets) for r in result.by_period] == [("2023-2024", 1), ("2024-2025", 7)]
    years = answer_times(CASES, Filters(as_of=AS_OF, per="year"))
    assert [(r.group, r.sets) for r in years.by_period] == [("2023", 1), ("2024", 7)]


def test_unanswered_after_three_weeks_on_a_fixed_date():
    result = answer_times(CASES, Filters(as_of=AS_OF))
    assert [(u.key, u.submitted, u.due, u.days_open, u.delay_notice) for u in result.unanswered] == [
        ("c5", NOV1, date(2024, 11, 22), 60, date(2024, 11, 21)),
        ("c6", NOV1, date(2024, 11, 22), 60, None),
    ]
    assert result.unanswered[0].document_id == "kv-c5"
    later = answer_times(CASES, Filters(as_of=date(2025, 2, 1)))
    assert [u.key for u in later.unanswered] == ["c5", "c4"]
    assert later.total.late_without_notice == 3  # c6 was answered after 70 days, without notice


def test_filters_select_on_the_submission_date():
    vj = answer_times(CASES, Filters(as_of=AS_OF, period="2023-2024"))
    assert vj.total.sets == 1 and vj.total.median_days == 21.0
    year = answer_times(CASES, Filters(as_of=AS_OF, period="2024"))
    assert year.total.sets == 7
    window = answer_times(CASES, Filters(as_of=AS_OF, date_from=NOV1, date_to=date(2024, 12, 31)))
    assert window.total.sets == 3  # c4, c5, c6
    both = answer_times(CASES, Filters(as_of=AS_OF, period="2024-2025", date_to=date(2024, 10, 31)))
    assert both.total.sets == 4  # c1, c2, c3, c9


def test_period_bounds():
    assert period_bounds("2024") == (date(2024, 1, 1), date(2024, 12, 31))
    assert period_bounds("2024-2025") == (date(2024, 9, 17), date(2025, 9, 15))  # Prinsjesdag to Prinsjesdag
    for bad in ("2024-2026", "24", "2024-13", "twintig", "", "0000", "1700-1701"):
        with pytest.raises(ValueError):
            period_bounds(bad)


def test_chart_scales_to_the_term_and_keeps_labels_as_data():
    result = answer_times(CASES, Filters(as_of=AS_OF))
    chart = bar_chart("t", result.by_ministry)
    assert [b.label for b in chart.bars] == ["B", "A"]  # longest median first
    assert chart.bars[0].width == pytest.approx(30 * chart.plot_width / 33, abs=0.05)
    assert chart.term_x == pytest.approx(chart.label_width + 21 * chart.plot_width / 33, abs=0.05)


@pytest.fixture
def client(tmp_path, db):
    z1, z2, z3 = "2024Z90011", "2024Z90012", "2024Z90013"
    engine = make_engine(database_url(tmp_path, db))
    save(
        engine,
        questions(z1, OCT1),
        notice(811, z1, OCT1, date(2024, 10, 20)),
        answer(812, z1, OCT1, date(2024, 11, 10), minister="Testminister"),
        questions(z2, OCT1, ministry="Zaken & <script>alert(1)</script>"),
        answer(
            813, z2, OCT1, date(2024, 10, 11), minister="Ander", ministry="Zaken & <script>alert(1)</script>"
        ),
        questions(z3, NOV1),
    )
    engine.dispose()
    settings = Settings(data_dir=tmp_path, db=db, rate_limit_per_minute=100_000)
    return TestClient(create_app(settings), raise_server_exceptions=False)


def test_api_answer_times(client):
    r = client.get("/api/v1/answer-times", params={"as_of": "2024-12-31"})
    assert r.status_code == 200
    body = r.json()
    assert body["total"]["sets"] == 3 and body["total"]["median_days"] == 25.0  # 10 and 40 days
    assert body["total"]["with_notice"] == 1 and body["total"]["late_without_notice"] == 0
    assert [u["case_number"] for u in body["unanswered"]] == ["2024Z90013"]
    assert {r["group"] for r in body["by_minister"]} == {"Testminister", "Ander", "onbekend"}
    narrowed = client.get("/api/v1/answer-times", params={"as_of": "2024-12-31", "from": "2024-10-15"})
    assert narrowed.json()["total"]["sets"] == 1
    empty = client.get("/api/v1/answer-times", params={"from": "2024-12-01", "to": "2024-01-01"})
    assert empty.status_code == 200 and empty.json()["total"]["sets"] == 0  # an empty range, no error


@pytest.mark.parametrize(
    "params",
    [
        {"period": "2024-2026"},
        {"period": "vorig jaar"},
        {"from": "2024-13-45"},
        {"to": "gisteren"},
        {"as_of": "2024-02-30"},
        {"per": "week"},
        {"ministerie": "BZK"},
    ],
)
def test_api_refuses_bad_filters(client, params):
    r = client.get("/api/v1/answer-times", params=params)
    assert r.status_code == 422
    assert r.headers["content-type"] == "application/problem+json"
    assert r.json()["errors"][0]["loc"][0] == "query"


def test_api_case(client):
    r = client.get("/api/v1/cases/ah-tk-20242025-812")
    assert r.status_code == 200
    assert [e["kind"] for e in r.json()["events"]] == ["submitted", "delay", "answer"]
    missing = client.get("/api/v1/cases/ah-tk-20242025-9999")
    assert missing.status_code == 404 and missing.headers["content-type"] == "application/problem+json"


def test_page_draws_the_chart_without_javascript_and_escapes_labels(client):
    r = client.get("/antwoordtermijnen", params={"peildatum": "2024-12-31"}, headers={"accept": "text/html"})
    assert r.status_code == 200
    assert "<svg" in r.text and "<rect" in r.text and "21 dagen" in r.text
    assert "<script>alert(1)</script>" not in r.text
    assert "Zaken &amp; &lt;script&gt;alert(1)&lt;/script&gt;" in r.text
    assert "eerste antwoord" in r.text  # the page says which dates count
    assert 'href="/documents/kv-tk-2024Z90013"' in r.text  # in the unanswered list
    bad = client.get("/antwoordtermijnen", params={"van": "2024-02-30"}, headers={"accept": "text/html"})
    assert bad.status_code == 422 and "van" in bad.text
    assert (
        client.get("/antwoordtermijnen", params={"periode": "x"}, headers={"accept": "text/html"}).status_code
        == 422
    )


def test_document_page_shows_the_case_timeline(client):
    r = client.get("/documents/ah-tk-20242025-812", headers={"accept": "text/html"})
    assert r.status_code == 200
    assert "Verloop van zaak 2024Z90011" in r.text
    assert 'href="/documents/kv-tk-2024Z90011"' in r.text and 'href="/documents/ah-tk-20242025-811"' in r.text
    assert "Uitstel" in r.text and "Reden: de afstemming kost meer tijd" in r.text
    assert 'href="/antwoordtermijnen"' in r.text  # the navigation


def test_figures_follow_every_change_of_the_store(tmp_path, db, monkeypatch):
    """The cases are gathered once per state of the documents; a new answer or a deleted question
    set must show at the next request, and an unchanged store must not gather them again."""
    from sqlmodel import Session

    from indexer import answer_times as at
    from indexer.store import delete_document

    engine = make_engine(database_url(tmp_path, db))
    z1, z2 = "2024Z90021", "2024Z90022"
    save(engine, questions(z1, OCT1), questions(z2, OCT1))
    filters = Filters(as_of=AS_OF)
    gathered = []
    real = at.all_cases

    def counting(session):
        gathered.append(1)
        return real(session)

    monkeypatch.setattr(at, "all_cases", counting)
    with Session(engine) as session:
        assert at.answer_times_in(session, filters).total.sets == 2
        assert len(at.answer_times_in(session, filters).unanswered) == 2
    assert len(gathered) == 1  # the second request used the gathered cases
    save(engine, answer(821, z1, OCT1, date(2024, 10, 15)))
    with Session(engine) as session:
        assert [u.case_number for u in at.answer_times_in(session, filters).unanswered] == [z2]
        delete_document(session, f"kv-tk-{z2}")
        session.commit()
    with Session(engine) as session:
        assert at.answer_times_in(session, filters).total.sets == 1
    assert len(gathered) == 3
    engine.dispose()
