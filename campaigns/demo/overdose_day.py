"""
A second, upcoming demo campaign, so that the list has both kinds and the pledge form
is open: naloxone actions on the next International Overdose Awareness Day (31 August).
Original text written for this project.
"""

SLUG = "overdose-awareness-day-naloxone-in-every-pocket"

CAMPAIGN = {
    "slug": SLUG,
    "title": "Overdose Awareness Day: naloxone in every pocket",
    "summary": (
        "On 31 August peer groups hand out naloxone and teach people to use it, in public "
        "squares on four continents, and ask health ministers to take it off prescription."
    ),
    "hashtag": "NaloxoneInEveryPocket",
    "image": "naloxone-guide",
    "documents": ["naloxone-en", "naloxone-es"],
    "related_posts": ["naloxone-belongs-in-every-pocket"],
    "contact_role": "Campaign coordination team",
    "contact_email": "campaigns@example.org",
    "contact_url": "",
    "demands_intro": "We call upon every health minister to:",
    "demands": [
        "make naloxone available without a prescription, free of charge;",
        "pay peer workers to carry it, hand it out and teach its use;",
        "put naloxone in every prison release kit and every drug service.",
    ],
    "pledge_call": (
        "Pledge your support, and tell us if you want to hold a naloxone stall in your own "
        "city: we send the guide, the training slides and a letter for your local health office."
    ),
    "body": """
<p>Naloxone reverses an opioid overdose in minutes. It is cheap, safe and simple to use, and
in most countries it is still locked behind a prescription or a pharmacy counter. People who
use drugs are the first to reach an overdose; we should be the first to carry the antidote.</p>
<p>On Overdose Awareness Day our groups set up stalls in public squares, hand out kits where
the law allows it, and show anyone who stops how to use them.</p>
""",
}

ORGANISATIONS = {
    "van": ("Vancouver Peer Naloxone Collective", "member", "Vancouver", "Canada"),
    "lis": ("Rede de Pares do Porto", "member", "Porto", "Portugal"),
    "nbo": ("Nairobi Peer Outreach", "member", "Nairobi", "Kenya"),
    "ktm": ("Kathmandu Harm Reduction Youth", "partner", "Kathmandu", "Nepal"),
    "mel": ("Melbourne Peer Naloxone Project", "member", "Melbourne", "Australia"),
}

# city, country, zone, venue, address, visibility, coordinates, leaders, status
ACTIONS = [
    ("Melbourne", "Australia", "Australia/Melbourne", "Federation Square stall",
     "Swanston Street and Flinders Street", "exact", ("-37.81800", "144.96900"), ["mel"],
     "confirmed"),
    ("Kathmandu", "Nepal", "Asia/Kathmandu", "Naloxone training stall",
     "Basantapur Durbar Square", "on_request", ("27.70400", "85.30700"), ["ktm"], "planned"),
    ("Nairobi", "Kenya", "Africa/Nairobi", "Outreach van", "Uhuru Park", "city",
     ("-1.28900", "36.81700"), ["nbo"], "cancelled"),
    ("Lisbon", "Portugal", "Europe/Lisbon", "Naloxone stall", "Praça do Comércio", "exact",
     ("38.70750", "-9.13650"), ["lis"], "confirmed"),
    ("Vancouver", "Canada", "America/Vancouver", "Naloxone stall", "Oppenheimer Park",
     "exact", ("49.28250", "-123.09500"), ["van"], "confirmed"),
]  # fmt: skip

# when: ("ago", days before today) for what is already posted.
UPDATES = [
    ("Four cities confirmed",
     "Melbourne, Kathmandu, Lisbon and Vancouver have their stalls. Training slides in "
     "English, Spanish and Nepali are on their way to the groups.",
     ("ago", 6)),
    ("Nairobi stall cancelled",
     "The city refused the permit for the stall. Our Nairobi partners will hand out kits "
     "through their outreach work during the week instead.",
     ("ago", 2)),
]  # fmt: skip

# Private sign-ups, seen only by staff: (name, e-mail, city, organisation, message, organise).
PLEDGES = [
    ("Ana", "ana@example.org", "Bogotá", "Red de Pares Bogotá", "We want to hold a stall in "
     "Bogotá and need the training slides in Spanish.", True),
    ("River", "", "Bristol", "", "", False),
]  # fmt: skip
