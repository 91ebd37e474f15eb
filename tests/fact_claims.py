"""Claims written for the lookup's measurement, each about a dev document, in our own words, with
the statement it should find: (claim, document id, value). The lookup must return that statement
among its first three matches."""

CLAIMS = [
    ("Slechts 923 van de 7.803 nieuwe inburgeraars sloten een lening af bij DUO", "azmani", 923),
    ("Aan 1.084 inburgeraars is een lening verstrekt", "azmani", 1084),
    ("In 2023 telde het stelsel bijna zesduizend advocaten", "ah-tk-20242025-599", 5971),
    ("Bij de IND lagen 260 asielaanvragen van Afghaanse vrouwen nog open", "ah-tk-20242025-591", 260),
    ("95% van de asielaanvragen van Afghaanse vrouwen werd ingewilligd", "ah-tk-20242025-591", 95),
    ("Een korting op de BDuR zou 27,7 miljoen euro schelen", "ah-tk-20242025-558", 27_700_000),
    (
        "Nederland draagt 24 miljoen euro bij aan de Joint Response voor Jemen",
        "ah-tk-20232024-2129",
        24_000_000,
    ),
    ("Er zijn 554 diensten aangesloten bij de dienstverleners", "ah-tk-20232024-878", 554),
    # two answers say it (in other words): either is the official statement
    ("Tachtig procent van het supermarktaanbod valt buiten de Schijf van Vijf", "ah-tk-20242025-61", 80),
    ("Zorgorganisatie Fokus heeft zo'n 1.500 bewoners", "ah-tk-20242025-578", 1500),
    ("59% van de consumenten vindt het Nutri-Score logo nuttig", "ah-tk-20242025-613", 59),
    ("Het geld ging naar 28 aanbieders via acht gemeenten", "ah-tk-20232024-2271", 28),
    ("In 2023 werd 2.758 ton paardenvlees uit derde landen ingevoerd", "ah-tk-20242025-571", 2758),
    ("Benzine en diesel worden zo'n 11 cent per liter duurder", "ah-tk-20242025-586", 0.11),
    (
        "Ruim 5.100 studenten met een verblijfsvergunning hebben recht op studiefinanciering",
        "ah-tk-20242025-580",
        5143,
    ),
    ("Sinds 2017 is er 57 miljoen euro uitgegeven", "ah-tk-20242025-592", 57_000_000),
    ("85% van de ambulances is binnen een kwartier ter plaatse", "ah-tk-20242025-578", 85),
    ("Preventie met Gezag loopt in 27 gemeenten", "ah-tk-20242025-604", 27),
    ("Fokus had 120 openstaande vacatures", "ah-tk-20242025-578", 120),
    ("Er zijn 7.210 internationale studenten", "ah-tk-20242025-580", 7210),
]
