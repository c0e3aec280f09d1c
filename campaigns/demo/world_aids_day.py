"""
The demo's main campaign: protests at Russian embassies on World AIDS Day, modelled on
the network's actions of 2011 and moved to the most recent 1 December, so that it
matches the report-back post in posts.demo.articles. Original text written for this
project; as content, not interface, it is not marked for translation.

Each action: city, country, IANA zone, "eve" (held on 30 November), venue, address,
visibility, coordinates and the key of the organisation leading it.
"""

SLUG = "world-aids-day-embassy-protests"

CAMPAIGN = {
    "slug": SLUG,
    "title": "World AIDS Day: substitution therapy now — protests at Russian embassies",
    "summary": (
        "On World AIDS Day, people who use drugs and our allies stand outside Russian embassies "
        "in thirteen cities, from 16:00 to 18:00 local time, with one statement of demands: "
        "make opioid substitution therapy legal and available."
    ),
    "hashtag": "OSTnow",
    "image": "world-aids-day",
    "related_posts": [
        "world-aids-day-protests-russian-embassies",
        "den-borby-so-spidom-protesty-u-posolstv-rossii",
    ],
    "contact_role": "Campaign coordination team",
    "contact_email": "campaigns@example.org",
    "contact_url": "/contact/",
    "demands_intro": "We call upon the Government of the Russian Federation to:",
    "demands": [
        "make methadone and buprenorphine legal for the treatment of opioid dependence, as the "
        "World Health Organization recommends;",
        "restore substitution therapy to every person in territories under its control where "
        "programmes that worked were closed;",
        "fund needle and syringe programmes and naloxone, and stop treating the people who run "
        "them as criminals;",
        "involve people who use drugs in designing HIV services, not only as their clients.",
    ],
    "pledge_call": (
        "Sign up to support the demands. If there is a Russian embassy or consulate in your "
        "city and no action yet, tick the box: we will put you in touch with the nearest group "
        "and send the statement, the banner design and a safety checklist."
    ),
    "body": """
<p>Russia is one of very few countries that still ban substitution therapy outright. Every
year that the ban stands, people who could be stable on methadone or buprenorphine are pushed
towards injecting, prison and HIV. On World AIDS Day we take our demands to the place where
the Russian state speaks abroad: its embassies.</p>
<p>The day travels with the sun. New York and Mexico City open it on the eve, Canberra takes
over at dawn in Europe, and Toronto closes it as the evening ends in Edinburgh. Every group
reads the same statement at the same local hour, so that for twenty-six hours there is always
someone standing at a Russian embassy somewhere.</p>
<h2>How to take part safely</h2>
<p>Each action is led by a local organisation that knows its city and its police. Some groups
publish their exact place; others give it only to people who sign up. Come with a friend, bring
warm clothes and a charged phone, and do not carry anything you would not want to explain.</p>
""",
}

ORGANISATIONS = {
    "nyc": ("Harm Reduction Peers NYC", "member", "New York", "United States"),
    "cdmx": ("Colectivo Reducción de Daños CDMX", "partner", "Mexico City", "Mexico"),
    "act": ("Canberra Users Network", "member", "Canberra", "Australia"),
    "edi": ("Edinburgh Peer Voices", "member", "Edinburgh", "United Kingdom"),
    "bcn": ("Xarxa de Persones Usuàries de Barcelona", "member", "Barcelona", "Spain"),
    "ber": ("Substitution Selbsthilfe Berlin", "partner", "Berlin", "Germany"),
    "buc": ("Asociația Pereche București", "partner", "Bucharest", "Romania"),
    "lon": ("London Users Forum", "member", "London", "United Kingdom"),
    "par": ("Collectif Usagers Paris", "member", "Paris", "France"),
    "opo": ("Rede de Pares do Porto", "member", "Porto", "Portugal"),
    "sto": ("Stockholm Peer Union", "member", "Stockholm", "Sweden"),
    "tbs": ("Tbilisi Peer Network", "member", "Tbilisi", "Georgia"),
    "yyz": ("Toronto Drug Users' Circle", "member", "Toronto", "Canada"),
    "nurses": ("Nurses for Harm Reduction", "partner", "London", "United Kingdom"),
}

EMBASSY = "Embassy of the Russian Federation"
CONSULATE = "Consulate General of the Russian Federation"

ACTIONS = [
    ("New York", "United States", "America/New_York", True, CONSULATE,
     "9 East 91st Street", "exact", ("40.78461", "-73.95730"), ["nyc"]),
    ("Mexico City", "Mexico", "America/Mexico_City", True, EMBASSY,
     "José Vasconcelos 204, Hipódromo Condesa", "exact", ("19.41100", "-99.17600"), ["cdmx"]),
    ("Canberra", "Australia", "Australia/Sydney", False, EMBASSY,
     "78 Canberra Avenue, Griffith", "exact", ("-35.32340", "149.14040"), ["act"]),
    ("Tbilisi", "Georgia", "Asia/Tbilisi", False,
     "Embassy of Switzerland (Russian Federation interests section)",
     "Kavsadze Street", "city", ("41.71510", "44.82710"), ["tbs"]),
    ("Bucharest", "Romania", "Europe/Bucharest", False, EMBASSY,
     "Șoseaua Kiseleff 6", "exact", ("44.45600", "26.08300"), ["buc"]),
    ("Stockholm", "Sweden", "Europe/Stockholm", False, EMBASSY,
     "Gjörwellsgatan 31", "exact", ("59.33180", "18.00500"), ["sto"]),
    ("Berlin", "Germany", "Europe/Berlin", False, EMBASSY,
     "Unter den Linden 63–65", "exact", ("52.51680", "13.38350"), ["ber"]),
    ("Paris", "France", "Europe/Paris", False, EMBASSY,
     "40–50 boulevard Lannes", "exact", ("48.86500", "2.27200"), ["par"]),
    ("Barcelona", "Spain", "Europe/Madrid", False, CONSULATE,
     "Avinguda Pearson 34", "exact", ("41.39150", "2.10700"), ["bcn"]),
    ("Porto", "Portugal", "Europe/Lisbon", False, "Meeting point near the honorary consulate",
     "Avenida da Boavista", "on_request", ("41.15800", "-8.63000"), ["opo"]),
    ("London", "United Kingdom", "Europe/London", False, EMBASSY,
     "6/7 Kensington Palace Gardens", "exact", ("51.50630", "-0.18950"), ["lon", "nurses"]),
    ("Edinburgh", "United Kingdom", "Europe/London", False, CONSULATE,
     "58 Melville Street", "exact", ("55.95030", "-3.21050"), ["edi"]),
    ("Toronto", "Canada", "America/Toronto", False, CONSULATE,
     "175 Bloor Street East", "exact", ("43.67120", "-79.38100"), ["yyz"]),
]  # fmt: skip

SAFETY_NOTES = (
    "Two people stay out of the crowd as observers with charged phones. Nobody carries "
    "drugs or works to the action. Legal support number on the back of the leaflets."
)

# (title, text, when): when is ("after", city, minutes after that city's start) or
# ("day", hours after 00:00 UTC on 1 December), for an update about no city in particular.
UPDATES = [
    ("The statement is ready in six languages",
     "The statement of demands is translated into English, Russian, Spanish, French, "
     "Portuguese and Georgian. Every group will read the same words at its embassy.",
     ("day", -24 * 6)),
    ("New York opens the day of action on the eve",
     "About thirty people at the consulate on 91st Street, with the banner and a thermos of "
     "tea. The statement was read in English and Russian; the door stayed shut.",
     ("after", "New York", 45)),
    ("Mexico City reads the statement in Spanish",
     "Our partners handed the letter to the embassy guard, who took it inside. Local press "
     "came and asked good questions about substitution therapy.",
     ("after", "Mexico City", 70)),
    ("Canberra: the first banner of 1 December",
     "Early summer sun in Griffith. The embassy accepted our letter at the gate.",
     ("after", "Canberra", 30)),
    ("Tbilisi protest under way at the Swiss embassy",
     "Switzerland represents Russia's interests in Georgia, so that is where we stand. Peers "
     "read out the names of friends lost to overdose and HIV.",
     ("after", "Tbilisi", 20)),
    ("Eight European cities at once",
     "Bucharest, Stockholm, Berlin, Paris, Barcelona, Porto, London and Edinburgh are all out "
     "for the same two hours. Thank you to everyone standing in the cold.",
     ("day", 15.5)),
    ("Toronto closes the day",
     "The last action of the day has ended. Thirteen cities, one statement, and a letter "
     "left at every embassy. The report follows tomorrow.",
     ("after", "Toronto", 125)),
]  # fmt: skip

# Private sign-ups, seen only by staff: (name, e-mail, city, organisation, message, organise).
PLEDGES = [
    ("Lena K.", "lena@example.org", "Vilnius", "", "There is no action in Vilnius yet. "
     "I can bring five people and a banner.", True),
    ("Marco", "", "Milan", "Milan peer group", "", False),
    ("Anonymous supporter", "", "", "", "Thank you for doing this. I cannot stand outside an "
     "embassy where I live, but I am with you.", False),
    ("Sam", "sam@example.org", "Dublin", "", "- we could join London's action by video.", False),
]  # fmt: skip
