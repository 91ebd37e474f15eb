"""The word tables that decide whether a sentence in an answer is a commitment, kept together so
the rules in `commitments.py` read as grammar, not as phrase lists per document.

A commitment is a clause whose subject is the government (ACTOR_WORDS, as its first words or
next to the verb) with a future verb (FUTURE_VERBS) or an intention that names an act
(ACTION_VERBS); the clause breaks (CLAUSE_PUNCT, SUBORDINATORS) bound it, a past tense
(STRONG_PAST) makes it a report, and coming papers (PRODUCTS) can carry the promise in a
passive."""

from __future__ import annotations

# the government as subject, lower-cased token sequences ("het kabinet", "mijn ministerie",
# "de minister van Financiën" is matched by its first words)
ACTOR_WORDS: tuple[tuple[str, ...], ...] = (
    ("ik",),
    ("wij",),
    ("we",),
    ("het", "kabinet"),
    ("dit", "kabinet"),
    ("de", "regering"),
    ("de", "nederlandse", "regering"),
    ("de", "rijksoverheid"),
    ("het", "rijk"),
    ("nederland",),
    ("mijn", "ministerie"),
    ("mijn", "departement"),
    ("het", "ministerie"),
    ("mijn", "collega"),
    ("mijn", "collega's"),
    ("mijn", "ambtgenoot"),
    ("mijn", "collega-minister"),
    ("de", "minister"),
    ("de", "ministers"),
    ("de", "minister-president"),
    ("de", "staatssecretaris"),
    ("de", "staatssecretarissen"),
    ("de", "bewindslieden"),
    ("de", "bewindspersonen"),
    ("ondergetekende",),
    ("ondergetekenden",),
    # older spelling
    ("ondergeteekende",),
    ("ondergeteekenden",),
    ("de", "regeering"),
)
# first words of a government subject joined to another ("De minister van SZW en ik")
ACTOR_JOINERS = frozenset({"en", "samen", "met"})
# the future: "zal", "zullen", "ga", "gaan" (not "gaat": "het gaat om")
FUTURE_VERBS = frozenset({"zal", "zullen", "ga", "gaan"})
# clause breaks: punctuation and the words that open a subordinate clause
CLAUSE_PUNCT = frozenset({",", ";", ":", "(", ")", "–", "—", "-"})
SUBORDINATORS = frozenset(
    {
        "dat",
        "omdat",
        "zodat",
        "waarin",
        "waarbij",
        "waarvan",
        "waarop",
        "waarover",
        "waarmee",
        "die",
        "of",
        "hoe",
        "welke",
        "wat",
        "maar",
        "terwijl",
        "nadat",
        "zodra",
        "wanneer",
        "als",
        "indien",
        "voordat",
        "alvorens",
        "hoewel",
        "aangezien",
    }
)
# "dat"/"die" after these words points at a thing ("zal dat onderzoek …", "over die brief"): a
# conjunction cannot follow a finite auxiliary or a preposition ("zonder dat" can, so it is absent)
DEMONSTRATIVE_AFTER = frozenset(
    {
        "zal", "zullen", "ga", "gaan", "kan", "kunnen", "moet", "moeten", "heb", "hebben", "heeft",
        "over", "met", "van", "voor", "bij", "naar", "op", "aan", "in", "na", "om", "tot", "uit",
        "door", "tegen", "onder", "ik", "wij", "we", "u",
    }
)  # fmt: skip
# a pointing "dat" is followed by these; a clause does not open with them ("… dat doen")
DEMONSTRATIVE_BEFORE = frozenset({"doen", "zelf", "graag"})
# words a clause opened by "dat" starts with: a subject or an adverb, never a bare noun
CLAUSE_OPENERS = frozenset(
    {
        "ik", "je", "jij", "u", "hij", "zij", "ze", "we", "wij", "jullie", "het", "de", "een", "er",
        "dit", "dat", "deze", "die", "men", "zo", "ook", "nog", "al", "daar", "hier", "in", "op",
        "bij", "voor", "met", "na", "niet", "geen", "uw", "mijn", "ons", "onze", "hun", "alle",
        "veel", "meer", "dan", "nu", "daarmee", "daarvoor", "hierover", "daarover", "dergelijke",
    }
)  # fmt: skip
# the finite verb right after a pointed-at noun ("dat onderzoek zal …", "die brief wordt …")
FINITE_AUX = frozenset(
    {"zal", "zullen", "wordt", "worden", "is", "zijn", "kan", "kunnen", "moet", "moeten", "gaat", "komt"}
)
# the acts a promise announces (infinitives, the form a promise with "wil", "zal" or "te"
# takes): an intention with one of these is a plan to act ("Ik wil met de sector afspreken …"),
# without one it is a general aim ("Het kabinet wil burgers beter in staat stellen …")
ACTION_VERBS = (
    "informeren", "berichten", "sturen", "toesturen", "zenden", "toezenden", "versturen", "delen",
    "rapporteren", "melden", "publiceren", "toekomen", "terugkomen", "ingaan", "onderzoeken",
    "uitzoeken", "evalueren", "analyseren", "verkennen", "inventariseren", "bezien", "bekijken",
    "kijken", "nagaan", "laten", "toewerken", "aanpassen", "wijzigen", "herzien", "opstellen", "uitwerken",
    "ontwikkelen", "opnemen", "meenemen", "betrekken", "vragen", "verzoeken", "afspreken",
    "maken", "overleggen", "spreken", "bespreken", "gaan", "treden", "agenderen", "indienen",
    "voorleggen", "aanbieden", "organiseren", "starten", "instellen", "invoeren", "regelen",
    "besluiten", "beslissen", "uitvoeren", "verlengen", "verhogen", "verlagen", "intrekken",
    "opdragen", "geven", "brengen", "doen", "nemen", "toevoegen", "aanvullen", "herijken",
    "aanscherpen", "verduidelijken", "actualiseren", "monitoren", "volgen", "voeren", "houden",
    "benutten", "inrichten", "opzetten", "uitbreiden", "toetsen", "beoordelen", "verkrijgen",
    "verzamelen", "ophalen", "wegen", "afwegen", "overwegen", "heroverwegen", "aankaarten",
)  # fmt: skip
# past tenses next to "ik"/"wij" ("In maart sprak ik met …"): what was done, not what will be;
# weak verbs are read by their ending ("stuurde", "informeerde"), these strong ones by form
STRONG_PAST = frozenset(
    {
        "sprak", "spraken", "besprak", "bespraken", "kwam", "kwamen", "nam", "namen", "gaf", "gaven",
        "liet", "lieten", "vroeg", "vroegen", "ging", "gingen", "zag", "zagen", "schreef", "schreven",
        "deed", "deden", "hield", "hielden", "bood", "boden", "zond", "zonden", "ontving", "ontvingen",
        "stond", "stonden", "vond", "vonden", "kreeg", "kregen", "bracht", "brachten", "dacht",
        "dachten", "zocht", "zochten", "wist", "wisten", "kon", "konden", "moest", "moesten", "mocht",
        "mochten", "zei", "zeiden", "besloot", "besloten", "trof", "troffen", "sloot", "sloten",
        "was", "waren", "had", "hadden", "werd", "werden",
    }
)  # fmt: skip
# coming papers and studies that points are taken into ("wordt betrokken bij dit onderzoek")
PRODUCTS = (
    "onderzoek",
    "evaluatie",
    "analyse",
    "afweging",
    "besluitvorming",
    "uitwerking",
    "herziening",
    "verkenning",
    "kabinetsreactie",
    "beleidsreactie",
    "reactie",
    "brief",
    "voorstel",
    "wetsvoorstel",
    "rapportage",
    "monitor",
    "heroverweging",
    "actieplan",
    "plan",
)
