"""Commitments: sentences in an answer in which the government announces an action it will take
after the answer ("Ik zal de Kamer in het voorjaar informeren", "Uw Kamer wordt voor de zomer
geïnformeerd", "Ik ben voornemens … te evalueren"), with who, topic, due date and whether the
promise is conditional.

A sentence is read by its structure, not by phrase lists per document: a government actor ("ik",
"wij", "het kabinet", "mijn ministerie", "Nederland", a co-signing minister) with a future or
intention verb (zal/zullen, ga/gaan, ben bereid/voornemens, wil, zeg toe), a present-tense act
towards the Kamer ("stuur ik uw Kamer", "kom ik … terug"), or a passive whose actor is the
government ("zal … worden gepubliceerd", "Uw Kamer wordt … geïnformeerd"). The classes that look
alike but promise nothing are ruled out by shape: refusals (a negation in the promising clause),
standing policy ("zal … blijven", "ga … door met"), necessities ("zal … moeten"), hypotheticals
("zou"), expectations ("Ik verwacht", "De verwachting is"), remarks about the answer itself
("zal ik gezamenlijk beantwoorden", "Met deze brief informeer ik …"), the question restated,
and passives whose actor is another body: named ("door de NVWA", "tussen de gemeenten en …"),
the parliament itself, or the subject of the main clause ("De provincie werkt aan een plan dat …
wordt voorgelegd"). A government word after a preposition is no subject ("aan de minister zal
uitbrengen"); "wil" is a plan only with an act named (ACTION_VERBS), else a general aim.

Older (printed) answers use the same grammar in their own words: "Ondergetekende zal …", "Het ligt
in het voornemen …", "zal … worden bevorderd", "kunt u binnen enkele weken verwachten". An earlier
promise restated with its act still to come ("Zoals toegezegd stuur ik …") is a commitment all the
same: the answer announces the act. Talks to come with no
actor ("Deze gesprekken zullen … plaatsvinden") are the government's only when the minister
speaks of acting in that sentence or the one before. A pointing "dat" ("dat onderzoek zal …", "Ik
zal dat niet doen") opens no clause, and time words inside a condition's clause ("zodra",
"nadat", "wanneer", "als") date the condition, not the promise.

Sentences are read after `glue.repair` has split PDF-glued words and joined line-end hyphens
("zalik", "Kamerinformeren", "infor- meren"); the commitment keeps the text as written."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from kamervragen.extract.commitment_words import (
    ACTION_VERBS,
    ACTOR_JOINERS,
    ACTOR_WORDS,
    CLAUSE_OPENERS,
    CLAUSE_PUNCT,
    DEMONSTRATIVE_AFTER,
    DEMONSTRATIVE_BEFORE,
    FINITE_AUX,
    FUTURE_VERBS,
    PRODUCTS,
    STRONG_PAST,
    SUBORDINATORS,
)
from kamervragen.extract.due import resolve_due
from kamervragen.extract.glue import repair
from kamervragen.spans import Commitment

# a sentence ends at . ! ? followed by a capital (PDF text may glue the next sentence on without
# a space) or at a line end; "nr. 5", "jl. en" and "o.a. de" do not end one
_SENTENCE_END = re.compile(r"(?<=[^\s.]{2}[.!?])(?=\s*[A-Z«“‘\"(])|\n")
_GOV = (
    r"(?:ik|wij|we|het\s+kabinet|de\s+(?:Nederlands(?:ch)?e\s+)?regee?ring|de\s+rijksoverheid|het\s+Rijk|Nederland|"
    # older spelling: "de ondergeteekende", "de Regeering"
    r"(?:de\s+|den\s+)?ondergete?ekenden?|de\s+(?:betrokken\s+)?(?:bewindslieden|bewindspersonen)|"
    r"mijn\s+(?:ministerie|departement|ambtgeno(?:ot|ten))|de\s+minister-president|"
    # a minister or colleague named by portfolio: "de minister van Sociale Zaken en Werkgelegenheid",
    # "mijn collega-minister van OCW", "de ministers van Financiën en van EZK"
    r"(?:mijn\s+collega(?:'s|-minister|-staatssecretaris)?|"
    r"(?:de|het)\s+(?:ministers?|staatssecretaris(?:sen)?|ministerie))"
    r"(?:\s+(?:van|voor)\s+[A-Z][\w&-]*(?:(?:\s+en(?:\s+(?:van|voor))?|,)?\s+[A-Z][\w&-]*){0,4})?)"
)
_ME = r"(?:ik|wij|we|het\s+kabinet)"
# "in de bedoeling van …" names whose plan it is: the government's, or another body's
_OF_GOV = (
    r"(?!\s+van\s+(?!(?:onder-?getekenden?|de\s+regering|het\s+kabinet|mij|ons|"
    r"de\s+(?:minister|staatssecretaris))\b))"
)
# the government as subject: not the object of a preposition ("het advies dat de commissie aan de
# minister zal uitbrengen" has the commissie as subject)
_PREPOSITIONS = ("aan", "door", "met", "van", "voor", "bij", "naar", "tot", "over", "namens", "tegen", "op")
_SUBJ = rf"\b{_GOV}"
_AFTER_PREPOSITION = re.compile(r"\b(?:" + "|".join(_PREPOSITIONS) + r")\s+$", re.I)
# a coming paper or study that points are taken into ("wordt betrokken bij dit onderzoek")
_PRODUCT = r"(?:" + "|".join(PRODUCTS) + r")\b"
_AUX = r"(?:zal|zullen|ga|gaan)"
_INTENT = r"(?:bereid|voornemens|van\s+plan|voornemen|intentie)"
# the government acting: an actor with a future or intention verb, or a present-tense act towards
# the Kamer ("stuur ik uw Kamer", "kom ik … terug"); a match marks where the promising clause starts.
# PDF text may glue the next word onto "zal" ("Ik zalcliëntenorganisaties vragen").
_ACTIVE = re.compile(
    rf"{_SUBJ}\s+(?:zal|zullen)|{_SUBJ}\s+(?:ga|gaat|gaan)\b(?!\s+(?:er\s*)?(?:van\s+uit|om|over|akkoord)\b)|\b{_AUX}\s+{_ME}\b"
    rf"|{_SUBJ}\s+(?:ben|zijn|is|heb|hebben|heeft)\s+(?:\w+\s+){{0,3}}?(?:het\s+)?{_INTENT}\b"
    rf"|\b(?:ben|zijn|is|heb|hebben|heeft)\s+{_ME}\s+(?:\w+\s+){{0,3}}?(?:het\s+)?{_INTENT}\b"
    rf"|\b{_ME}\s+(?:wil|willen)\b(?!\s+dat\b)|\b(?:wil|willen)\s+{_ME}\b"
    # "Ik streef ernaar …", "Het is mijn voornemen …", "Het voornemen is om …"
    rf"|\b(?:{_ME}\s+(?:streef|streven)|(?:streef|streven)\s+{_ME})\s+(?:er\s*)?naar\b"
    rf"|\b(?:het\s+is|is\s+het|ligt\s+(?:het\s+)?in)\s+(?:de|mijn|onze)\s+bedoeling\b{_OF_GOV}"
    # the older "Het ligt in het voornemen om …", "Het ligt in mijn voornemen …"
    rf"|\bligt\s+(?:het\s+)?in\s+(?:het|mijn|ons)\s+voornemen\b{_OF_GOV}"
    rf"|\b(?:is|was)\s+(?:het|mijn|ons)\s+(?:voornemen|intentie|plan)\b"
    rf"|\b(?:het|mijn|ons)\s+(?:voornemen|intentie|plan)\s+is\s+(?:om|dat)\b"
    # the intention as a noun phrase: "Mijn voornemen om de regeling te beëindigen, …", "Daarom is
    # mijn inzet in het overleg met de sector om …"; and the impersonal "Er wordt naar gestreefd om …"
    rf"|\b(?:mijn|ons|onze)\s+(?:voornemen|inzet)\s+(?:[\w-]+\s+){{0,8}}?(?:is\s+)?om\b"
    rf"|\b(?:er\s+)?wordt\s+(?:er\s*)?naar\s+gestreefd\b|\ber\s*naar\s+gestreefd\s+wordt\b"
    rf"|\bzeg\b(?:\s+\w+){{0,4}}\s+toe\b|\btoezeggen\b"
    rf"|\b{_ME}\s+(?:stuur|sturen|zend|zenden|informeer|informeren|bericht)\b"
    rf"|\b(?:stuur|zend|informeer|bericht)\s+{_ME}\b"
    # more present-tense acts that are done after the answer: keeping the Kamer informed, sharing
    # with it, getting in touch or into talks with a body
    rf"|\b(?:{_ME}\s+(?:houd|houden|blijf|blijven)|(?:houd|houden|blijf|blijven)\s+{_ME})\b[^.;]{{0,60}}?"
    r"\b(?:op\s+de\s+hoogte|informeren|rapporteren|berichten)\b"
    rf"|\b(?:{_ME}\s+(?:deel|delen)|(?:deel|delen)\s+{_ME})\b[^.;]{{0,80}}?\bmet\s+(?:u\b|uw\s+Kamer|de\s+(?:Tweede\s+)?Kamer)"
    rf"|\b(?:{_SUBJ}\s+(?:neem|neemt|nemen)|(?:neem|neemt|nemen)\s+{_ME})\b[^.;]{{0,80}}?\bcontact\s+op\b"
    rf"|\b(?:{_SUBJ}\s+(?:treed|treedt|treden)|(?:treed|treedt|treden)\s+{_ME})\b[^.;]{{0,80}}?"
    r"\bin\s+(?:overleg|gesprek|contact)\b"
    rf"|\b(?:{_ME}\s+kom(?:en)?|kom(?:en)?\s+{_ME})\b[^,.;]{{0,80}}\bterug\b"
    rf"|\b(?:{_ME}\s+neem|neem\s+{_ME})\b[^.;]{{0,120}}\bmee\b"
    # commissioning or asking another body now: "Ik laat dit onderzoeken", "Ik vraag de NZa om …
    # te …", and coming with a paper: "Het kabinet komt voor de zomer met een voorstel"
    # PDF text glues the next word onto an inverted "ik": "wil ikgraag", "ga ikonderzoeken"
    rf"|\b(?:zal|ga|wil|kom|stuur|informeer|neem)\s+ik(?=[a-zà-ÿ]{{4,}})"
    rf"|\binformeer\s+(?:ik\s+)?(?:u\b|uw\s+Kamer|de\s+(?:Tweede\s+)?Kamer)"
    rf"|\b(?:{_ME}\s+laat|laat\s+{_ME})\b[^.;]{{0,80}}?\b(?:onderzoeken|uitzoeken|evalueren|nagaan|uitvoeren|"
    rf"analyseren|verkennen|uitwerken|opstellen)\b"
    rf"|\b(?:{_ME}\s+(?:vraag|verzoek)|(?:vraag|verzoek)\s+{_ME})\b(?!\s+(?:me|mij|mijzelf|ons)\s+af\b)"
    rf"[^.;]{{0,120}}?\bte\s+\w+"
    rf"|\b(?:{_ME}\s+kom(?:en|t)?|kom(?:en|t)?\s+{_ME})\b[^.;]{{0,60}}?\bmet\s+(?:een|de|het)\b"
    # expecting or hoping to do something oneself ("Ik verwacht u … toe te kunnen sturen"), unlike
    # expecting an outcome ("Ik verwacht dat …")
    rf"|\b{_ME}\s+(?:verwacht(?:en)?|hoop|hopen)\s+(?!dat\b)[^.;]{{0,150}}?\bte\s+(?:kunnen\s+)?\w+",
    re.IGNORECASE,
)
# a second verb of a government subject: "Het kabinet verkent … en zal de Kamer informeren"
_COORDINATED = re.compile(
    rf"^(?:\w+\s+){{0,3}}?{_GOV}\s+\w+[^.;]{{0,150}}?\ben\s*"
    r"(?P<aux>zal|zullen|kom\b(?=[^.;]{0,60}\bterug\b))",
    re.I,
)
# the government acting in the present tense at a time after the answer: "Na de zomer maken we
# de balans op" (only with a due date of its own that lies ahead)
_NOW = re.compile(rf"\b{_ME}\b|\b(?:wordt|worden)\b[^,.;:]{{0,100}}?\b\w*ge\w+[dtn]\b", re.I)
_NOT_NOW = re.compile(
    r"\bverwacht(?:en)?\s+(?:ik|wij|we)\b|\b(?:ik|wij|we)\s+verwacht|\b(?:heb|hebben|heeft|had|hadden|is|zijn|was|waren|werd|werden|kan|kunnen|mag|mogen|moet|moeten)\b"
    r"|\b(?:kon|konden|moest|moesten|bleek|bleken|toen)\b"
    r"|\b(?:momenteel|op\s+dit\s+moment|nu)\b",
    re.I,
)
# the government's past tense: "In maart sprak ik met de burgemeester", "Ik stuurde u in mei …"
_PAST = re.compile(
    r"\b(?:ik|wij|we)\s+(?:(?:" + "|".join(STRONG_PAST) + r")|\w+(?:de|te))\b"
    r"|\b(?:(?:" + "|".join(STRONG_PAST) + r")|\w+(?:de|te))\s+(?:ik|wij|we)\b",
    re.I,
)
# a body other than the government as the subject of the main clause, with the passive in a
# clause of its own: "De provincie werkt aan een plan dat in het voorjaar wordt voorgelegd"
# not a pointing "dat"/"die" ("en dat onderzoek zal …"): a noun, then the clause's own verb
_POINTING = (
    r"(?!\s+(?!(?:"
    + "|".join(sorted(CLAUSE_OPENERS))
    + r")\b)[a-zà-ÿ]\w*\s+(?:"
    + "|".join(sorted(FINITE_AUX))
    + r")\b)"
)
_BODY_MAIN_CLAUSE = re.compile(
    rf"^(?!(?i:{_GOV})\b)(?:(?:[Dd]e|[Hh]et|[Ee]en)\s+(?:\w+\s+)?\w+|[A-Z]{{2,}}[\w-]*)\s+"
    r"(?!(?:wordt|worden|zal|zullen|is|zijn|was|waren|blijkt|betekent|lijkt|geldt|kan|kunnen|moet|moeten)\b)"
    r"[a-zà-ÿ]\w*\b[^,;]*?\b(?:(?:dat|die)\b" + _POINTING + r"|(?:waarin|waarbij|waarmee|waarvan|wat)\b)",
)
# plans said with a modal or a decision, promises only with a coming date of their own: "Naar
# verwachting kan ik uw Kamer in het voorjaar informeren", "Het kabinet heeft besloten de regeling
# per 1 januari 2026 te verlengen" (not "Ik kan u informeren dat …": telling now)
_DATED_PLAN = re.compile(
    rf"\b(?:{_ME}\s+(?:kan|kunnen)|(?:kan|kunnen)\s+{_ME})\b[^.;]{{0,80}}?"
    r"\b(?:informeren|berichten|toesturen|toezenden|sturen|zenden|toekomen|terugkomen)\b(?!\s+dat\b)"
    rf"|\b{_GOV}\s+(?:heb|hebben|heeft)\s+(?:\w+\s+){{0,3}}?besloten\b[^.;]{{0,120}}?\bte\s+\w+",
    re.I,
)
# a year alone dates facts as often as plans ("in 2024 geslacht"), so it does not make a promise
# in the present tense unless it is a later year than the answer's
_BARE_YEAR = re.compile(r"^(?:in|voor|uiterlijk)\s+\d{4}$", re.I)
# a past participle: with "ge" ("gepubliceerd", "aangepast", "meegenomen"), or of a verb with
# a fixed prefix ("verhoogd", "beoordeeld", "onderzocht", "besloten"); "bekend" is an adjective
_PART = (
    r"(?!bekend\b|\w*(?:end|recht|heid|schap)\b)"
    r"(?:\w*ge\w+[dtn]|(?:ver|be|ont|her|er|onder)\w+[dt]|(?:be|ver|ont|her)\w+en|voldaan)"
)
# the government's act in the passive, its actor left out: the Kamer as receiver ("Uw Kamer
# wordt voor de zomer geïnformeerd", "zal … met uw Kamer gedeeld worden") or a future passive
# ("zal … worden gepubliceerd", "zullen … worden verhoogd")
_PASSIVE = re.compile(
    r"\b(?:(?:uw|de)\s+(?:Tweede\s+)?Kamer|u)\s+(?:zal|zullen|wordt|worden)[^.;]{0,100}?"
    r"(?:ge[ïi]nformeerd|bericht|toegezonden|toegestuurd)"
    r"|\b(?:wordt|worden|zal|zullen)\s+(?:(?:uw|de)\s+(?:Tweede\s+)?Kamer|u)\b[^.;]{0,100}?"
    r"(?:ge[ïi]nformeerd|bericht|toegezonden|toegestuurd)"
    # a paper offered to the Kamer in the present passive: "Bij afzonderlijk schrijven wordt de nota
    # aan de Tweede Kamer aangeboden" (an act that follows the answer)
    r"|\b(?:wordt|worden)\b[^.;]{0,100}?\baan\s+(?:uw|de)\s+(?:Tweede\s+)?Kamer\b[^.;]{0,60}?"
    r"\b(?:aangeboden|toegezonden|gezonden|voorgelegd|overgelegd)\b"
    r"|\b(?:uw|de)\s+(?:Tweede\s+)?Kamer\s+(?:ontvangt|krijgt)\b|\b(?:ontvangt|krijgt)\s+(?:uw|de)\s+(?:Tweede\s+)?Kamer\b"
    r"|\b(?:uw|de)\s+(?:Tweede\s+)?Kamer\s+(?:kan|mag|zal)\b[^.;]{0,80}?\b(?:verwachten|ontvangen|krijgen)\b"
    r"|\b(?:u\s+(?:kunt|kan|mag|moogt|zult)|(?:kunt|kan|mag|moogt|zult)\s+u)\b[^.;]{0,80}?\b(?:verwachten|ontvangen)\b"
    # the government's coming paper announced: "De kabinetsreactie volgt voor de zomer"
    r"|^(?:de|een|het)\s+(?:\w+\s+)?(?:kabinetsreactie|beleidsreactie|kabinetsstandpunt|voortgangsbrief|"
    r"voortgangsrapportage|kamerbrief|brief|(?:nadere\s+)?reactie)\b(?![^.;]{0,40}\b(?:van|door)\s+de\s+(?!minister))"
    r"[^.;]{0,60}?\b(?:volgt|volgen)\b"
    # a coming paper that will go into the point: "In de volgende voortgangsrapportage wordt hier
    # nader op ingegaan"
    r"|\b(?:volgende|komende|eerstvolgende|toegezegde|aangekondigde)\s+(?:\w+\s+)?\w*(?:brief|rapportage|reactie|"
    r"nota|monitor|rapport|evaluatie)\b[^.;]{0,80}?\b(?:wordt|worden|zal|zullen)\b[^.;]{0,60}?\bingegaan\b"
    r"|\b(?:zal|zullen|wordt|worden)\b[^.;]{0,100}?\b(?:bij|aan)\s+(?:uw|de)\s+(?:Tweede\s+)?Kamer\s+"
    r"(?:ingediend|aangeboden|voorgelegd)"
    # a coming paper or study as the subject: "De evaluatie zal in 2026 plaatsvinden"
    rf"|^(?:de|het|een|deze|dit)\s+(?:\w+\s+){{0,2}}?{_PRODUCT}\s+(?:zal|zullen)\b[^.;]{{0,80}}?"
    r"\b(?:plaatsvinden|verschijnen|starten|van\s+start\s+gaan|gereed\s+zijn|beschikbaar\s+komen|"
    r"in\s+(?:consultatie|procedure)\s+gaan|in\s+werking\s+treden)\b"
    # the future perfect of a step: "Per 1 juli 2025 zal de aanwijzing zijn afgerond"
    rf"|\b(?:zal|zullen)\b[^.;:]{{0,120}}?(?:\b{_PART}\s+zijn\b|\bzijn\s+(?:\w*(?:ge|af|op|uit)\w+[dtn]|{_PART})\b)"
    # points taken into what is coming: "Hierin zullen ook de gevolgen een plek krijgen"
    r"|\b(?:zal|zullen)\b[^.;]{0,80}?\b(?:een\s+plek\s+krijgen|aan\s+bod\s+komen|aan\s+de\s+orde\s+komen)\b"
    r"|\b(?:zal|zullen)\s+(?:\w+\s+){0,2}?(?:het\s+)?onderwerp\s+(?:zijn\s+)?van\s+(?:de|het|een)\b"
    # weighing after something to come: "Naar aanleiding van die resultaten wordt gekeken welke …",
    # "Vanaf 2025 wordt samen met de gemeenten gekeken naar …"
    r"|^(?:naar\s+aanleiding\s+van|op\s+basis\s+van|na\s+afronding|vanaf\s+\d{4}|daarna|vervolgens|zodra|nadat)"
    r"\b[^.;]{0,120}?\b(?:wordt|worden)(?:\s+[^.;]{0,100}?\b|\s*)(?:gekeken|bezien|nagegaan|onderzocht|verkend|bekeken)\b"
    r"|\b(?:zal|zullen|wordt|worden)\b[^.;]{0,100}?\b(?:met|aan|naar)\s+(?:uw|de)\s+(?:Tweede\s+)?Kamer\s+"
    r"(?:gedeeld|gestuurd|toegestuurd|(?:toe|ver)?gezonden|aangeboden)"
    rf"|\b(?:zal|zullen)\b[^.;:]{{0,120}}?(?:\bworden\s*{_PART}\b|\b{_PART}\s+worden\b)"
    # an event to come whose subject is a coming study or paper: "Er zal in 2026 een evaluatie
    # plaatsvinden"
    rf"|\ber\s+(?:zal|zullen)\b[^.;]{{0,60}}?\b{_PRODUCT}[^.;]{{0,60}}?\b(?:plaatsvinden|komen|verschijnen|starten)\b"
    # the participle first: "Nagegaan zal worden welke …", "Bezien zal worden of …"
    r"|\b\w*ge\w+[dtn]\s+(?:zal|zullen)\s+(?:\w+\s+){0,3}?worden\b"
    # a body asked to act, or points taken along into a coming paper: "De NZa wordt gevraagd …
    # te …", "In de kabinetsreactie worden deze overwegingen meegenomen"
    r"|\b(?:wordt|worden)\s+(?:\w+\s+){0,3}?(?:gevraagd|verzocht)\b[^.;]{0,120}?\bte\s+\w+"
    r"|\b(?:wordt|worden)\b[^,.;]{0,80}?\bmeegenomen\b"
    # the Kamer told what to expect: "U kunt de brief voor de zomer tegemoet zien", "De evaluatie
    # kan in 2025 tegemoet gezien worden" (not "Ik zie uw reactie tegemoet": awaiting another)
    r"|\b(?:kan|kunt|kunnen|mag|moogt|mogen)\b[^.;]{0,100}?\btegemoet\s+(?:ge)?zien\b"
    rf"|\b(?:wordt|worden)\b[^,.;]{{0,80}}?\bbetrokken\s+bij\s+(?:\w+\s+){{0,2}}?{_PRODUCT}",
    re.IGNORECASE,
)

_SEPARABLE = ("aan", "op", "uit", "mee", "toe", "in", "voor", "bij", "af", "na", "terug", "vast", "door")


def _action_pattern() -> re.Pattern:
    """An act from ACTION_VERBS, also split by "te" ("aan te passen", "toe te sturen"), or a talk
    to be had ("in gesprek", "in overleg")."""
    forms = set(ACTION_VERBS)
    for verb in ACTION_VERBS:
        for prefix in _SEPARABLE:
            if verb.startswith(prefix) and len(verb) > len(prefix) + 3:
                forms.add(rf"{prefix}\s+te\s+{verb[len(prefix) :]}")
    forms |= {rf"{p}\s+te\s+stellen" for p in ("op", "vast", "in", "voor", "bij")}
    return re.compile(
        r"\b(?:(?:" + "|".join(sorted(forms, key=len, reverse=True)) + r")"
        r"|in\s+(?:gesprek|overleg|contact))\b",
        re.I,
    )


_ACTION = _action_pattern()
# an intention by "wil": a plan when it names an act, a general aim when it does not
_WANT = re.compile(rf"^(?:{_ME}\s+(?:wil|willen)|(?:wil|willen)\s+{_ME})\b", re.I)

# the promising clause: from the match up to the next clause break
_CLAUSE_END = re.compile(
    r"[,;:(]|\s(?:dat|omdat|waarin|waarbij|waarvan|waarop|waarover|die|of|hoe|welke|wat|zodat|maar|terwijl)\s"
)


def _clause_end(text: str, at: int) -> int:
    """Where the clause that starts `text` ends, looking from `at`: the first clause break that
    is not a pointing "dat"/"die" ("Ik zal dat niet doen" is one clause)."""
    for m in _CLAUSE_END.finditer(text, at):
        word = m.group(0).strip().lower()
        if word in {"dat", "die"}:
            before = text[: m.start()].split()
            after = text[m.end() :].lower().split()[:2]
            if _demonstrative(before[-1].lower() if before else None, [w.strip(",.;:") for w in after]):
                continue
        return m.start()
    return len(text)


_NEGATED = re.compile(
    r"\b(?:niet|geen|niets|nooit|allerminst)\b(?!\s+(?:te\s+)?(?:schromen|nalaten|aarzelen)\b)", re.I
)
_KEEPS_REPORTING = re.compile(
    r"\b(?:blijf|blijven)\b[^.;]{0,40}?\b(?:informeren|rapporteren|berichten)\b"
    r"|\b(?:informeren|rapporteren|berichten)\s+blijven\b|\bop\s+de\s+hoogte\s+(?:houden|blijven\s+houden|houd)\b",
    re.I,
)
_STANDING = re.compile(
    r"\bblijf|\bblijv|\bblijft\b|\bonverminderd\b|\bdoor\s+met\b|\bdoorgaan\b|\bvoort(?:zetten|gaan)\b"
    r"|\baltijd\b|\bte\s+allen\s+tijde\b",
    re.I,
)
# what the government does every year or every time, said in the present: "De Kamer wordt
# jaarlijks via de begroting geïnformeerd" is practice, where "zal jaarlijks rapporteren" promises
_ROUTINE = re.compile(
    r"\b(?:jaarlijks|periodiek|telkens|steeds|regelmatig|standaard|gebruikelijk|vanzelfsprekend)\b", re.I
)
_NOT_A_PROMISE = re.compile(
    r"\b(?:zou|zouden)\b"  # hypothetical
    r"|\b(?:zal|zullen)\b[^.;]{0,80}\b(?:moeten|dienen)\b"  # a necessity without an actor
    r"|\b(?:ik|wij|we|het\s+kabinet)\s+(?:verwacht|verwachten)\s+dat\b|\bverwacht\s+(?:ik|wij|we)\s+dat\b"
    # hoping for an outcome, unless it is to report oneself: "Ik hoop u binnenkort te kunnen berichten"
    r"|\b(?:ik|wij|we)\s+(?:hoop|hopen)\b(?![^.;]{0,80}\bte\s+(?:kunnen\s+)?(?:informeren|berichten|sturen|"
    r"zenden|toe\s*(?:zenden|sturen)|melden|inlichten|doen\s+toekomen)\b)"
    r"|\bde\s+verwachting\s+is\b"
    # a consequence drawn, and a rule for whenever it is needed: "Dit betekent dat de stuurgroep eind
    # 1987 zal worden opgeheven", "zullen, daar waar dit noodzakelijk wordt geacht, … worden ingezet"
    r"|^(?:dit|dat|hetgeen|wat)\s+betekent\s+dat\b(?![^.;]{0,40}\b(?:ik|wij|we)\b)"
    r"|\b(?:daar\s+)?waar\s+(?:dit|dat|het)\s+(?:\w+\s+)?(?:noodzakelijk|nodig|gewenst|mogelijk)\b"
    # how cases are handled is standing policy: "Indien er sprake is van … zal worden bezien of …",
    # "In elke individuele zaak zal een afweging plaatsvinden"
    r"|^(?:indien|als|wanneer)\s+er\s+sprake\s+is\s+van\b|\bper\s+geval\b"
    r"|\bin\s+(?:elk|elke|ieder|iedere)\s+(?:individuele?\s+(?:geval|zaak)|zaak)\b|\bin\s+individuele\s+gevallen\b"
    r"|\b(?:ik|wij|we)\s+(?:wil|willen)\s+(?:\w+\s+){0,3}?(?:benadrukken|opmerken|zeggen|"
    r"voorop\s*stellen|onderstrepen|aangeven|wijzen|erop\s+wijzen)\b"
    r"|\bwil\s+(?:ik|wij|we)\s+(?:\w+\s+){0,3}?(?:benadrukken|opmerken|zeggen|voorop\s*stellen|"
    r"onderstrepen|aangeven|wijzen)\b"
    r"|\b(?:ga|gaan)\s+(?:ik|wij|we)\s+(?:er\s*)?(?:\w+\s+)?van\s+uit\b"
    r"|\b(?:ik|wij|we)\s+(?:ga|gaan)\s+(?:er\s*)?(?:\w+\s+)?van\s+uit\b"
    # the government asked by the Kamer: "In die motie wordt de regering verzocht … te …"
    r"|\b(?:wordt|werd)\s+(?:de\s+regering|het\s+kabinet|de\s+minister|de\s+staatssecretaris)\s+(?:\w+\s+)?"
    r"(?:gevraagd|verzocht)\b"
    # how things are handled wherever they arise is policy: "Waar het kabinet mogelijkheden ziet,
    # zal het deze aangrijpen" (not "Waar nodig zal ik …": one case, a condition)
    r"|^waar\s+(?!(?:nodig|mogelijk|dat\s+nodig|dit\s+nodig|relevant|wenselijk)\b)[^,.;]{8,},"
    # how cases will be judged: "zal worden beoordeeld op basis van de criteria"
    r"|\b(?:zal|zullen|wordt|worden)\b[^.;]{0,40}\b(?:beoordeeld|getoetst|gewogen)\s+"
    r"(?:op\s+basis\s+van|aan\s+de\s+hand\s+van)\b"
    # the question restated: "U vraagt of ik de Kamer voor de zomer zal informeren"
    r"|^(?:\w+\s+){0,4}?(?:vraagt|vragen|gevraagd\s+wordt|wordt\s+gevraagd)\s+(?:\w+\s+){0,3}?"
    r"(?:of|wanneer|welke|hoe|waarom)\b"
    # a future not yet known: "Het is nog niet bekend wanneer de resultaten zullen worden gepubliceerd"
    r"|\b(?:niet|nog\s+niet)\s+(?:bekend|duidelijk|zeker)\s+(?:wanneer|of|hoe|welke)\b[^.;,]*[.!?]?\s*$"
    # a consequence foreseen: "Hierdoor zal een paard zonder certificaat worden uitgesloten"
    # expecting, trusting or foreseeing an outcome, in the older words too
    r"|\b(?:te\s+voorzien\s+valt|(?:naar\s+)?verwacht\s+mag\s+worden|naar\s+gehoopt\s+wordt|"
    r"vertrouwt?\s+(?:\w+\s+)?dat|(?:is|zijn)\s+(?:het\s+)?(?:zeer\s+)?(?:wel\s+)?denkbaar)\b"
    # what another body reported: "Blijkens mededeling van de gemeente zal …"
    r"|^\s*blijkens\b"
    # the presumptive future perfect: "Zoals uit de publicaties zal zijn gebleken, …"
    r"|\b(?:zal|zullen)\s+(?:\w+\s+)?(?:zijn\s+gebleken|gebleken\s+zijn)\b"
    # a future in a question the answer cannot settle: "Welke faciliteiten zullen worden verleend,
    # kan nog niet worden beoordeeld", "Of de steun zal worden hervat, zal afhangen van …"
    r"|^(?![^.;]*\b(?:ik|wij|we)\b)(?:welke|wat|hoe|wanneer|of|in\s+hoeverre)\b[^.;]*\b(?:niet|afhangen|afhankelijk)\b"
    r"|^(?:hierdoor|daardoor|daarmee|hiermee|door\s+(?:de|het|deze|dit|die|dat)\b[^,.;]{0,80}?)\s+(?:zal|zullen)\b"
    r"(?!\s+(?:ik|wij|we|het\s+kabinet)\b)"
    # an impersonal "Toegezegd is, dat …": a promise made by someone unnamed, often to the
    # government, so no act the government announces
    r"|^(?:toegezegd|beloofd)\s+(?:is|werd)\b",
    re.I,
)
# talks or meetings to come, their actor left out: "Deze gesprekken zullen in het najaar
# plaatsvinden". The actor is the government only when the minister speaks of acting in the same
# or the sentence before ("Ik nodig de sector uit. Deze gesprekken zullen …"); otherwise the talks
# may as well be another body's
_EVENT = re.compile(
    r"\b(?:gesprek(?:ken)?|overleg(?:gen)?|bijeenkomst(?:en)?|rondetafel\w*|consultatie|werkbezoek(?:en)?|"
    r"conferentie|hoorzitting)\b[^.;]{0,80}?\b(?:zal|zullen)\b[^.;]{0,80}?"
    r"\b(?:plaatsvinden|plaats\s+vinden|worden\s+gevoerd|gevoerd\s+worden|worden\s+georganiseerd|georganiseerd\s+worden)\b"
    r"|\b(?:zal|zullen)\b[^.;]{0,60}?\b(?:gesprek(?:ken)?|overleg|bijeenkomst(?:en)?|consultatie)\b[^.;]{0,60}?"
    r"\b(?:plaatsvinden|plaats\s+vinden)\b",
    re.I,
)
_FIRST_PERSON = re.compile(
    r"\b(?:ik|wij|we|mij|mijn|onze?|het\s+kabinet|ondergete?ekenden?|dezerzijds)\b", re.I
)
# a passive inside an indirect question: "De regering bepaalt, of vlaggen zullen worden uitgestoken"
# (not after the question's own verb: "Hoe het beleid wordt uitgewerkt, zal onderwerp zijn van …")
_ASKED = re.compile(
    r"(?:^|,)\s*(?:of|welke|wanneer|hoe|in\s+hoeverre)\s"
    r"(?![^,]*\b(?:wordt|worden|is|zijn|kan|kunnen|past|passen|moet|moeten|gaat|komt|blijkt)\b)[^,]*$",
    re.I,
)
# a passive future of what can be done is a possibility, not an act: "De studie zal naar
# verwachting in 1982 kunnen worden afgerond"
_POSSIBLE = re.compile(r"\b(?:zal|zullen)\b[^.;]{0,80}?\bkunnen\b", re.I)
_BACK_REFERRED = re.compile(
    r"^(?:wordt|worden)\b.*\b(?:meegenomen|betrokken\s+bij|gevraagd|verzocht)\b", re.I
)
# a passive in what another body said ("De HV gaf aan dat de minister uitgenodigd zal worden"):
# that body's plan, not the government's, unless the speaker is the government itself
_REPORTED = re.compile(
    rf"^(?!\s*(?:{_GOV})\b)(?:(?!\b(?:ik|wij|we)\b)[^.;])*?\b(?:gaf|geeft|gaven|geven|liet|lieten|meldt|meldde|stelt|stelde)\b"
    r"[^.;]{0,40}?\bdat\b",
    re.I,
)
_ONGOING = re.compile(r"\b(?:momenteel|op\s+dit\s+moment|bezig|werk(?:t|en)?\s+(?:\w+\s+){0,3}?aan)\b", re.I)
# remarks about the answer itself ("zal ik hieronder gezamenlijk beantwoorden"); in a delay
# notice the promise to answer is the commitment, so this is not applied there
# "Daarvoor zal ik ingaan op de rol van het Rijk" in an answer discusses the answer itself, unless a
# coming paper or meeting is named where the minister will go into it
_EXPLAINS = re.compile(
    r"\b(?:ingaan|toelichten|uiteenzetten|schetsen|beschrijven|uitgaan\s+van)\b"
    r"|\b(?:ga|gaan)\s+(?:ik|wij|we)\s+(?:\w+\s+){0,3}?in\s+op\b|\b(?:ik|wij|we)\s+(?:ga|gaan)\s+(?:\w+\s+){0,3}?in\s+op\b",
    re.I,
)
# the answer speaking of itself, anywhere in the sentence: "Hieronder zal ik de vragen
# beantwoorden", "Met deze brief informeer ik uw Kamer", "Ik wil u hierbij informeren", "Bij de
# beantwoording zal ik uitgaan van …"; answering questions with no time given is the answer too
# ("zal de resterende vragen zo spoedig mogelijk beantwoorden" promises a later answer)
_THIS_ANSWER = re.compile(
    # "hierbij" with a present tense is "herewith"; with "zal" it is "in doing so" and promises
    # ("de hierboven aangehaalde overwegingen" only cites an earlier passage)
    r"\b(?:hieronder|hierna|hierboven)\b(?!\s+(?:\w+\s+)?(?:genoemde|aangehaalde|beschreven|vermelde|bedoelde|"
    r"geschetste|aangegeven|gestelde|weergegeven)\b)|\bhierbij\b(?![^.;]*\b(?:zal|zullen)\b)"
    r"|\b(?:met|in|bij)\s+(?:deze|dit)\s+(?:brief|antwoord(?:en)?|beantwoording|reactie)\b"
    r"|\bbij\s+de\s+beantwoording\b",
    re.I,
)
_ANSWERING = re.compile(r"\bbeantwoord", re.I)
_PAPER = re.compile(
    r"\b(?:brief|rapportage|\w*reactie|nota|verslag|debat|overleg|Kamer|\w*brief|\w*rapportage)\b", re.I
)
# the answer pointing to another of its answers ("In het antwoord op vraag 5 ga ik hier nader op
# in"), unless it only cites where something was said ("Zoals ik bij vraag 2 aangaf, zal ik …")
_TO_ANOTHER_ANSWER = re.compile(
    r"\b(?:in|bij)\s+(?:het|mijn|ons|de)\s+(?:antwoord|beantwoording)\s+(?:op|van)\s+(?:de\s+)?vra(?:ag|gen)\b"
    r"|\bbij\s+(?:de\s+)?vra(?:ag|gen)\s+\d",
    re.I,
)
_AS_SAID = re.compile(r"\bzoals\b[^,.;]*,", re.I)
_ABOUT_ANSWER = re.compile(
    r"\bhieronder\b|\bhierna\b|\b(?:gezamenlijk|tezamen|samen|in\s+samenhang|in\s+onderlinge\s+samenhang)\s+"
    r"(?:\w+\s+){0,2}?beantwoord",
    re.I,
)
# a passive whose actor is named and is not the government
_NOT_GOV = (
    r"(?!mij\b|ons\b|(?:de|den|het|mijn)\s+"
    r"(?:minister|staatssecretaris|ministerie|departement|rijk|regee?ring|kabinet|ondergete?ekenden?)\b)"
)
_OTHER_ACTOR = re.compile(
    rf"\bdoor\s+{_NOT_GOV}\w"
    # the parliament's own steps: "zal na de zomer in de Eerste Kamer worden behandeld"
    r"|\b(?:in|door)\s+(?:de|uw|beide)\s+(?:Eerste\s+|Tweede\s+)?Kamers?\b[^.;]{0,40}?"
    r"\b(?:behandeld|besproken|aangenomen|verworpen|geagendeerd)\b"
    # talks between others: "zullen gesprekken worden gevoerd tussen de gemeenten en de aanbieders"
    rf"|\btussen\s+{_NOT_GOV}[^.;]{{0,60}}?\ben\s+{_NOT_GOV}\w"
    # the government receiving: "zal aan mijn ambtgenoot en mij worden gepresenteerd"
    r"|\baan\s+(?:mij|ons|mijn\s+ambtgeno\w+|de\s+(?:minister|regering|staatssecretaris))\b[^.;]{0,60}?"
    r"\b(?:gepresenteerd|aangeboden|uitgebracht|voorgelegd|toegezonden|gezonden|verstrekt|gerapporteerd)\b"
    # a foreign government: "de Tsjechische regering heeft bepaald dat … zullen behouden"
    r"|(?-i:\bde\s+(?!Nederlandse\b)[A-Z]\w+\s+regering\b)",
    re.I,
)
_CONDITIONAL = re.compile(
    r"\b(?:indien|mocht|mochten|afhankelijk\s+van|zo\s+nodig|waar\s+(?:dat\s+)?nodig|als\s+dat\s+nodig|"
    r"eventueel|eventuele|desgewenst|bezien|bekijken|afwegen|overwegen|in\s+overweging|"
    r"(?:ge|be)?kijken\s+(?:of|naar|welke|hoe|waar)|(?:ge|be)keken\s+(?:of|naar|welke|hoe|waar)|"
    r"nagaan|nagegaan|verkennen\s+of|beschouwen|(?:waar|zo)\s+mogelijk|voor\s+zover|bestuderen|bestudeerd|"
    # the separated "ga … na of": checking whether, as "nagaan"
    r"ga\s+(?:\w+\s+){0,3}?na\s+of|"
    # weighing whether there is reason to act: "analyseren of aanleiding bestaat …"
    r"of\s+(?:er\s+)?aanleiding\s+(?:is|bestaat))\b|^\s*Als\b",
    re.I,
)
_NEGATION = re.compile(
    r"\b(?:niet|geen|nooit)\b[^,.]{0,20}\b(?:bereid|toezeggen|toe\s+te\s+zeggen)\b|\bbereid\b[^,.]{0,12}\bniet\b"
    # no intention: "Het ligt thans niet in het voornemen …", "dat niet het voornemen bestaat"
    r"|\b(?:niet|geen)\b[^,.]{0,25}\b(?:voornemen|voornemens|bedoeling|van\s+plan|intentie)\b",
    re.I,
)
# a condition's own clause: its time words date the condition, not the promise ("Zodra het
# rapport in mei verschijnt, stuur ik het u" has no due date of its own)
_CONDITION_CLAUSE = re.compile(
    r"(?:\b(?:zodra(?!\s+(?:dat\s+)?mogelijk)|nadat|wanneer|indien|mits)\b|(?:^|(?<=,))\s*als\b)[^,;]*", re.I
)


def _own_time(sentence: str) -> str:
    """The sentence without the clauses whose time words are not the promise's."""
    return _CONDITION_CLAUSE.sub(" ", sentence)


_TOPIC = re.compile(r"\bover\s+(?P<topic>[^,.;:()]{4,120})", re.I)


def sentences(text: str) -> list[tuple[int, str]]:
    """(start, sentence) pairs; sentence ends need a capital after them, so abbreviations stay."""
    out, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        out.append((start, text[start : m.end()]))
        start = m.end()
    out.append((start, text[start:]))
    return [(s + len(t) - len(t.lstrip()), t.strip()) for s, t in out if t.strip()]


@lru_cache(maxsize=1)
def _tokenizer():
    """spaCy's Dutch tokenizer alone (`spacy.blank("nl")`): no model, only words and punctuation."""
    import spacy

    return spacy.blank("nl").tokenizer


def _demonstrative(before: str | None, after: list[str]) -> bool:
    """Whether "dat"/"die" between the word `before` and the words `after` points ("dat onderzoek
    zal …", "Ik zal dat niet doen", "over die brief") rather than opening a clause: it opens the
    sentence, follows a verb or a preposition that a conjunction cannot follow, stands before a
    word that no clause opens with, or is followed by a noun and the clause's own verb."""
    if before is None or before in DEMONSTRATIVE_AFTER:
        return True
    if not after:
        return False
    if after[0] in DEMONSTRATIVE_BEFORE:
        return True
    return len(after) > 1 and after[0].isalpha() and after[0] not in CLAUSE_OPENERS and after[1] in FINITE_AUX


def _clauses(sentence: str) -> list[tuple[bool, list]]:
    """(subordinate, tokens) per clause: a clause ends at punctuation and a subordinator ("dat",
    "omdat", "die", "of" …) opens a new one; a pointing "dat" or "die" does not."""
    out: list[tuple[bool, list]] = [(False, [])]
    tokens = list(_tokenizer()(sentence))
    words = [t.lower_ for t in tokens]
    for i, token in enumerate(tokens):
        low = words[i]
        if low in CLAUSE_PUNCT:
            out.append((False, []))
        elif low in SUBORDINATORS and not (
            low in {"dat", "die"} and _demonstrative(words[i - 1] if i else None, words[i + 1 : i + 3])
        ):
            out.append((True, []))
        else:
            out[-1][1].append(token)
    return [(sub, tokens) for sub, tokens in out if tokens]


def _actor_at(words: list[str], i: int) -> int:
    """Length of the government subject starting at word i (0 when there is none)."""
    for actor in ACTOR_WORDS:
        if tuple(words[i : i + len(actor)]) == actor:
            return len(actor)
    # PDF text may glue the next word onto "ik": "ga ikonderzoeken"
    return int(i < len(words) and words[i].startswith("ik") and len(words[i]) > 5 and words[i][2:].isalpha())


# an aside between commas does not end the promising clause: "zal ik, zoals aangegeven, niets doen"
_ASIDE = re.compile(
    r",\s*(?:zoals|mede|conform|overeenkomstig|ter|in|met|voor|na|bij|op|naar|gezien|gelet|zodra|indien)\b[^,.;]*,"
)
_DETERMINERS = frozenset({"de", "het", "een", "deze", "dit", "die", "dat"})
_FUTURE_HINT = re.compile(r"zal|zullen|\bgaa?n?\b", re.I)


def _future(word: str) -> bool:
    # PDF text may glue the next word onto the verb: "zalde", "zullende" are still the verb
    return word in FUTURE_VERBS or (word.startswith(("zal", "zullen")) and word not in {"zalf", "zalig"})


def _subject_clause(sentence: str) -> tuple[int, int] | None:
    """(start, end) of a clause whose subject is the government with a future verb: "ik zal",
    "zal het kabinet", "dat het kabinet in de komende periode nader zal analyseren", "De minister
    van Financiën en ik gaan …". The subject stands next to the verb, or opens a subordinate
    clause with the verb at its end, or opens a main clause whose subject is joined to another
    ("Mijn ministerie en het RIVM zullen")."""
    if not _FUTURE_HINT.search(sentence):
        return None  # no future verb at all: spare the tokenizer
    for subordinate, tokens in _clauses(sentence):
        words = [t.lower_ for t in tokens]
        span = (tokens[0].idx, tokens[-1].idx + len(tokens[-1].text))
        for i, word in enumerate(words):
            if not _future(word):
                continue
            after = _actor_at(words, i + 1) if word in FUTURE_VERBS else 0
            if after and words[i + 1] not in {"ik", "wij", "we"} and words[0] in _DETERMINERS:
                after = 0  # "De commissie zal het Rijk adviseren": the subject came first
            before = any(
                _actor_at(words, j) == i - j and (j == 0 or words[j - 1] not in _PREPOSITIONS)
                for j in range(max(0, i - 3), i)
            )
            if after or before:
                return span
            opening = _actor_at(words, 0)
            if opening and (subordinate or ACTOR_JOINERS & set(words[opening:i])):
                return span
    return None


def _promise(
    sentence: str, answered_on: date | None, notice: bool, previous: str = ""
) -> tuple[int, int] | None:
    """(start, end) of the clause that makes `sentence` a promise, or None for the classes that
    only look like one. A present passive takes its time from the sentence before: "Het ministerie
    is momenteel bezig met de evaluatie. Hierin wordt ook X meegenomen." describes work going on,
    not a promise."""
    if _NOT_A_PROMISE.search(sentence) or _NEGATION.search(sentence):
        return None
    m = next(
        (a for a in _ACTIVE.finditer(sentence) if not _AFTER_PREPOSITION.search(sentence, 0, a.start())),
        None,
    ) or _COORDINATED.search(sentence)
    passive = False
    if m is not None:
        start, end = (m.start("aux") if "aux" in m.re.groupindex and m.group("aux") else m.start()), m.end()
    elif (clause := _subject_clause(sentence)) is not None:
        start, end = clause[0], clause[0]
        if _REPORTED.search(sentence[:start]):
            return None
    elif (m := _PASSIVE.search(sentence)) is not None:
        passive = True
        start, end = m.start(), m.end()
        if _POSSIBLE.search(sentence) or _ASKED.search(sentence[: m.start()]):
            return None
        if _BACK_REFERRED.search(m.group(0)) and _ONGOING.search(previous):
            return None
        if _REPORTED.search(sentence[: m.start()]):
            return None
        if _ROUTINE.search(sentence) and not re.search(r"\b(?:zal|zullen)\b", m.group(0), re.I):
            return None
    elif (m := _EVENT.search(sentence)) is not None:
        if not (_FIRST_PERSON.search(sentence) or _FIRST_PERSON.search(previous)):
            return None
        passive = True
        start, end = m.start(), m.end()
    else:
        m = _NOW.search(sentence)
        if m is None or answered_on is None:
            return None
        # a present tense describes the plan, not a promise, unless it names a coming date: "per
        # 1 juli 2025 wordt de regeling aangepast" promises; "binnenkort worden daar gegevens aan
        # toegevoegd" reports what the system will hold, with no date to hold anyone to
        # what a "zoals" aside dates was said or done before
        due, _, due_text = resolve_due(_own_time(_AS_SAID.sub(" ", sentence)), answered_on)
        if due is None or due < answered_on or _PAST.search(sentence):
            return None
        if (_NOT_NOW.search(sentence) and not _DATED_PLAN.search(sentence)) or (
            _BARE_YEAR.match(due_text or "") and due.year <= answered_on.year
        ):
            return None
        start, end = m.start(), m.end()
        passive = not re.match(_ME, m.group(0), re.I)
    rest = _ASIDE.sub(" ", sentence[start:])
    clause_end = _clause_end(rest, end - start)
    clause = rest[:clause_end]
    # continuing to report to the Kamer is a promise ("zal uw Kamer blijven informeren"), continuing
    # a policy is not ("zal mij blijven inzetten")
    if _NEGATED.search(clause) or (_STANDING.search(clause) and not _KEEPS_REPORTING.search(clause)):
        return None
    if m is not None and _WANT.match(m.group(0)) and not _ACTION.search(sentence, m.end()):
        return None
    if not notice and (
        _ABOUT_ANSWER.search(clause)
        or (_EXPLAINS.search(clause) and not _PAPER.search(sentence))
        or _TO_ANOTHER_ANSWER.search(_AS_SAID.sub(" ", sentence))
        or _THIS_ANSWER.search(_AS_SAID.sub(" ", sentence))
        or (_ANSWERING.search(clause) and resolve_due(sentence, answered_on)[2] is None)
    ):
        return None
    if passive and _OTHER_ACTOR.search(sentence[start:]):
        return None
    if passive and (body := _BODY_MAIN_CLAUSE.match(sentence)) and body.end() <= start:
        return None
    return start, end


def get_commitments(
    text: str, location: str = "", who: str | None = None, answered_on: date | None = None
) -> list[Commitment]:
    """Promise sentences in an answer (or delay notice) text, each with its due date resolved."""
    out: list[Commitment] = []
    previous = ""
    for start, written in sentences(text):
        # the rules read the words as meant: PDF glue split, line-end hyphens joined
        sentence = repair(written)
        promise = _promise(sentence, answered_on, notice=location == "notice", previous=previous)
        previous = sentence
        if promise is None:
            continue
        due, vague, due_text = resolve_due(_own_time(sentence), answered_on)
        topic = _TOPIC.search(sentence)
        out.append(
            Commitment(
                location=location,
                start=start,
                end=start + len(written),
                text=written,
                who=who,
                topic=topic.group("topic").strip() if topic else None,
                due=due,
                vague=vague,
                due_text=due_text,
                conditional=bool(_CONDITIONAL.search(sentence)),
            )
        )
    return out
