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
]
