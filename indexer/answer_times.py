"""Answer times: how long ministers take to answer written questions, per ministry, per minister
and per period, and which question sets are still unanswered after the three-week term.

Which dates count (the page and the API say the same):

- submitted: the "ingezonden" date of the questions (as printed on the question set, else as
  its answer or notice repeats it). A case without it is not counted.
- answered: the "ontvangen" date of the first answer (or of a notice that the questions were
  answered elsewhere). Days = answered - submitted, in calendar days.
- the term is 21 days (three weeks, Reglement van Orde art. 12.3): answered within the term
  when days <= 21.
- everything is judged as of a reference date (`as_of`, today by default): documents received
  after it do not exist yet, so a past day's figures can be reproduced.
- a question set is decided when it is answered (with a known date) or when its term has passed
  unanswered; the shares are over the decided ones, since a set still inside its term may yet be
  answered in time.
- late without notice: answered after the term while no notice of delay was received before the
  answer.
- oral questions are not counted (they are answered in the plenary). Filters (`period`, `from`,
  `to`) select on the submission date; `from` after `to` selects nothing.
- a case counts for the ministries and ministers of its first answer in the knowledge base (not
  those co-signing), else of its latest notice, else for the ministries its questions are
  addressed to (minister "onbekend"), also when judged as of a day before that answer.
"""

from __future__ import annotations

import re
import statistics
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from pydantic import BaseModel
from sqlmodel import Session

from indexer.cases import Case, all_cases
from indexer.store import store_generation
from kamervragen.ids import prinsjesdag, vergaderjaar_of

TERM_DAYS = 21
UNKNOWN = "onbekend"
Per = Literal["vergaderjaar", "year"]
# a calendar year, or a vergaderjaar of two consecutive years, spelled out so that the API's
# schema says exactly which values it takes (the Tweede Kamer meets since 1815)
PERIOD_PATTERN = (
    r"^(?:18(?:1[5-9]|[2-9]\d)|19\d\d|20\d\d|"
    + "|".join(f"{year}-{year + 1}" for year in range(1815, 2099))
    + ")$"
)


def period_bounds(period: str) -> tuple[date, date]:
    """First and last day of "2024" (a calendar year) or "2024-2025" (a vergaderjaar, from
    Prinsjesdag to the day before the next). Raises ValueError for anything else."""
    if not re.fullmatch(PERIOD_PATTERN, period.strip()):
        raise ValueError(
            f"period {period!r} is neither a year (2024) nor a vergaderjaar of two "
            "consecutive years (2024-2025)"
        )
    first, *second = period.strip().split("-")
    if not second:
        return date(int(first), 1, 1), date(int(first), 12, 31)
    return prinsjesdag(int(first)), prinsjesdag(int(first) + 1) - timedelta(days=1)


class Filters(BaseModel):
    period: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    as_of: date
    per: Per = "vergaderjaar"


class Row(BaseModel):
    """The figures of one group (a ministry, a minister, a period, or everything)."""

    group: str
    sets: int
    """Question sets submitted (in the selection, by the reference date)."""
    answered: int
    """Of those, answered by the reference date."""
    median_days: float | None
    """Median days from submission to the first answer, over answered sets with both dates."""
    decided: int
    """Answered with a known date, or unanswered after the term: the base of the shares."""
    within_term: int
    share_within_term: float | None
    with_notice: int
    """Decided sets with a notice of delay received by the reference date."""
    share_with_notice: float | None
    late_without_notice: int
    """Answered after the term without a notice of delay received before the answer."""
    overdue: int
    """Still unanswered after the term."""


class Unanswered(BaseModel):
    key: str
    case_number: str | None
    document_id: str
    """The question set (or the notice, when the question set is not held)."""
    subject: str | None
    submitted: date
    due: date
    """The last day of the three-week term."""
    days_open: int
    delay_notice: date | None
    """When a notice of delay was received (the latest), if any."""
    ministries: list[str]


class AnswerTimes(BaseModel):
    as_of: date
    term_days: int = TERM_DAYS
    period: str | None
    date_from: date | None
    date_to: date | None
    per: Per
    total: Row
    by_ministry: list[Row]
    by_minister: list[Row]
    by_period: list[Row]
    unanswered: list[Unanswered]


@dataclass
class _Outcome:
    """A case as the reference date sees it."""

    case: Case
    submitted: date
    as_of: date
    answered: bool
    days: int | None
    notice_before_answer: bool
    latest_notice: date | None

    @property
    def overdue(self) -> bool:
        return not self.answered and (self.as_of - self.submitted).days > TERM_DAYS

    @property
    def decided(self) -> bool:
        return self.days is not None or self.overdue


def _outcome(case: Case, submitted: date, as_of: date) -> _Outcome:
    """What was known of `case` on `as_of`: an undated answer or notice counts as received."""
    known = [e for e in case.events if e.date is None or e.date <= as_of]
    closing = next((e for e in known if e.kind in ("answer", "answered_elsewhere")), None)
    notices = [e for e in known if e.kind == "delay"]
    answered_on = closing.date if closing else None
    before = [e for e in notices if answered_on is None or e.date is None or e.date <= answered_on]
    days = (answered_on - submitted).days if answered_on and answered_on >= submitted else None
    return _Outcome(
        case=case,
        submitted=submitted,
        as_of=as_of,
        answered=closing is not None,
        days=days,
        notice_before_answer=bool(before),
        latest_notice=max((e.date for e in notices if e.date), default=None),
    )


def _row(group: str, outcomes: list[_Outcome]) -> Row:
    decided = [o for o in outcomes if o.decided]
    within = sum(1 for o in decided if o.days is not None and o.days <= TERM_DAYS)
    noticed = sum(1 for o in decided if o.notice_before_answer)
    days = [o.days for o in outcomes if o.days is not None]
    return Row(
        group=group,
        sets=len(outcomes),
        answered=sum(1 for o in outcomes if o.answered),
        median_days=float(statistics.median(days)) if days else None,
        decided=len(decided),
        within_term=within,
        share_within_term=round(within / len(decided), 4) if decided else None,
        with_notice=noticed,
        share_with_notice=round(noticed / len(decided), 4) if decided else None,
        late_without_notice=sum(
            1 for o in outcomes if o.days is not None and o.days > TERM_DAYS and not o.notice_before_answer
        ),
        overdue=sum(1 for o in outcomes if o.overdue),
    )


def _rows(outcomes: list[_Outcome], keys: Callable[[_Outcome], Iterable[str]]) -> list[Row]:
    groups: dict[str, list[_Outcome]] = defaultdict(list)
    for o in outcomes:
        for key in dict.fromkeys(keys(o)) or [UNKNOWN]:
            groups[key].append(o)
    return [_row(k, v) for k, v in groups.items()]


def answer_times(cases: Iterable[Case], filters: Filters) -> AnswerTimes:
    """The figures over `cases` (see the module's docstring for what each counts)."""
    low, high = filters.date_from, filters.date_to
    if filters.period:
        p_low, p_high = period_bounds(filters.period)
        low, high = max(low or p_low, p_low), min(high or p_high, p_high)
    as_of = filters.as_of
    outcomes = [
        _outcome(c, c.submitted, as_of)
        for c in cases
        if c.submitted
        and not c.oral
        and c.submitted <= as_of
        and (low is None or c.submitted >= low)
        and (high is None or c.submitted <= high)
    ]

    def period_of(o: _Outcome) -> list[str]:
        return [str(o.submitted.year) if filters.per == "year" else vergaderjaar_of(o.submitted)]

    def by_size(row: Row) -> tuple[int, str]:
        return -row.sets, row.group

    unanswered = [
        Unanswered(
            key=o.case.key,
            case_number=o.case.case_number,
            document_id=o.case.question_id or o.case.document_ids[0],
            subject=o.case.subject,
            submitted=o.submitted,
            due=o.submitted + timedelta(days=TERM_DAYS),
            days_open=(as_of - o.submitted).days,
            delay_notice=o.latest_notice,
            ministries=o.case.ministries,
        )
        for o in outcomes
        if o.overdue
    ]
    return AnswerTimes(
        as_of=as_of,
        period=filters.period,
        date_from=filters.date_from,
        date_to=filters.date_to,
        per=filters.per,
        total=_row("totaal", outcomes),
        by_ministry=sorted(_rows(outcomes, lambda o: o.case.ministries), key=by_size),
        by_minister=sorted(_rows(outcomes, lambda o: o.case.ministers), key=by_size),
        by_period=sorted(_rows(outcomes, period_of), key=lambda r: r.group),
        unanswered=sorted(unanswered, key=lambda u: (u.submitted, u.key)),
    )


def answer_times_in(session: Session, filters: Filters) -> AnswerTimes:
    """The figures over every case in the knowledge base."""
    return answer_times(CASES.get(session), filters)


class CaseCache:
    """Every case of a knowledge base, gathered once per state of its documents.

    Gathering reads every question set, answer and notice (0.65 s at 10k documents), while the
    page and the API ask for it on every request with other filters. The key is the store's
    generation (`store_generation`), which every index run that changes a document moves on.
    One lock per cache makes concurrent requests after a change wait for a single gathering."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: dict[tuple[str, int], list[Case]] = {}

    def get(self, session: Session) -> list[Case]:
        key = (session.get_bind().url.render_as_string(hide_password=True), store_generation(session))
        cases = self._entries.get(key)
        if cases is not None:
            return cases
        with self._lock:
            cases = self._entries.get(key)
            if cases is None:
                cases = all_cases(session)
                # one state per database: the stale one is never asked for again
                self._entries = {k: v for k, v in self._entries.items() if k[0] != key[0]}
                self._entries[key] = cases
        return cases


CASES = CaseCache()
