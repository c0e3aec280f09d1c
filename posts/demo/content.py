"""
The demo texts as data: taxonomy, people, artwork, documents and pages.

The posts themselves are in posts.demo.articles. Everything here is original
demonstration content written for this project. The prose is content, not
interface, so it is not marked for translation.
"""

# Parents come before their children.
CATEGORIES = [
    {
        "slug": "news",
        "name": "News",
        "parent": None,
        "description": "What the network and its members are doing, and what is happening to us.",
    },
    {
        "slug": "press-releases",
        "name": "Press releases",
        "parent": "news",
        "description": "Statements from the network for journalists and partners.",
    },
    {
        "slug": "events",
        "name": "Events",
        "parent": "news",
        "description": "Seminars, meetings and days of action, before and after.",
    },
    {
        "slug": "research",
        "name": "Research",
        "parent": None,
        "description": "Peer-led research and plain-language digests of research by others.",
    },
    {
        "slug": "guides",
        "name": "Guides",
        "parent": None,
        "description": "Practical guides written by peers, to read online or download.",
    },
    {
        "slug": "campaigns",
        "name": "Campaigns",
        "parent": None,
        "description": "Our campaigns for health, dignity and the rights of people who use drugs.",
    },
    {
        "slug": "stories",
        "name": "Stories",
        "parent": None,
        "description": "Members writing in their own words, under their own name or a pseudonym.",
    },
]

# Staff accounts without a password: they show what each role can do in the admin.
STAFF_USERS = [
    {"username": "demo-author", "first_name": "Demo author", "group": "Authors"},
    {"username": "demo-editor", "first_name": "Demo editor", "group": "Editors"},
    {"username": "demo-moderator", "first_name": "Demo moderator", "group": "Moderators"},
]

BYLINES = [
    {
        "slug": "inpud-secretariat",
        "name": "INPUD Secretariat",
        "user": "demo-editor",
        "bio": "The small staff team that keeps the network running, writing on behalf of "
        "INPUD as a whole.",
    },
    {
        "slug": "sasha-k",
        "name": "Sasha K.",
        "user": "demo-author",
        "bio": "Peer researcher and former outreach worker who edits our research digest. "
        "Sasha K. is a pseudonym.",
    },
    {
        "slug": "river",
        "name": "River",
        "user": None,
        "bio": "A member of the network who writes under a pseudonym.",
    },
]

CREDIT = "Abstract artwork made for the INPUD demo"

# Each image is found again by its caption, so a second run never uploads it twice.
# Shapes: ("circle", x, y, radius, colour, opacity) or ("band", top, bottom, colour, opacity).
IMAGES = [
    {
        "key": "world-aids-day",
        "caption": "Red for World AIDS Day: soft circles over a dusk sky, made for this report.",
        "alt_text": "Abstract illustration: overlapping translucent red and rose circles over a "
        "gradient from deep plum at the top to pale peach at the bottom.",
        "top": (74, 44, 82),
        "bottom": (250, 214, 190),
        "shapes": [
            ("circle", 520, 470, 300, (200, 40, 60), 0.55),
            ("circle", 820, 400, 240, (232, 110, 120), 0.45),
            ("circle", 1110, 540, 330, (245, 170, 160), 0.35),
            ("circle", 260, 760, 180, (255, 230, 220), 0.25),
        ],
    },
    {
        "key": "hepatitis-c",
        "caption": "Teal and sea green: abstract artwork for our hepatitis C campaign.",
        "alt_text": "Abstract illustration: soft teal and sea-green discs drifting across a "
        "pale blue gradient.",
        "top": (205, 230, 240),
        "bottom": (120, 180, 190),
        "shapes": [
            ("circle", 300, 300, 220, (40, 130, 140), 0.45),
            ("circle", 760, 560, 280, (70, 170, 150), 0.40),
            ("circle", 1300, 330, 200, (30, 110, 120), 0.35),
            ("circle", 1120, 760, 140, (230, 245, 240), 0.40),
        ],
    },
    {
        "key": "naloxone-guide",
        "caption": "Bands of sand and apricot: the cover art of the naloxone guide.",
        "alt_text": "Abstract illustration: horizontal bands in sand, apricot and cream, "
        "with one large pale circle rising behind them.",
        "top": (255, 243, 224),
        "bottom": (236, 190, 140),
        "gps": True,  # uploaded with camera and GPS data, to show that they are removed
        "shapes": [
            ("circle", 1150, 380, 260, (255, 252, 240), 0.70),
            ("band", 520, 620, (240, 170, 110), 0.55),
            ("band", 640, 740, (214, 140, 90), 0.50),
            ("band", 760, 900, (180, 110, 80), 0.45),
        ],
    },
    {
        "key": "peer-work",
        "caption": "Lavender and slate: abstract artwork for the peer-work seminar notes.",
        "alt_text": "Abstract illustration: lavender and slate-grey circles of different sizes "
        "on a misty grey-blue gradient.",
        "top": (232, 230, 245),
        "bottom": (150, 160, 185),
        "shapes": [
            ("circle", 400, 450, 260, (150, 130, 200), 0.45),
            ("circle", 700, 380, 160, (90, 100, 130), 0.40),
            ("circle", 980, 520, 220, (180, 160, 220), 0.40),
            ("circle", 1320, 430, 180, (100, 110, 140), 0.35),
        ],
    },
]

GUIDE_EN = [
    ("p", "Written by people who use drugs, for people who use drugs and everyone around us. "
     "It does not replace training: if your local harm reduction service runs a naloxone "
     "session, go, and bring a friend."),
    ("h", "What naloxone does"),
    ("p", "Naloxone reverses an overdose of opioids such as heroin, methadone, morphine or "
     "fentanyl for a while. It pushes the opioid away from the receptors in the brain so that "
     "breathing can start again. It does nothing to someone who has not taken opioids, and it "
     "cannot get anyone high. It works for roughly 30 to 90 minutes, which is shorter than many "
     "opioids last: that is why the person must not be left alone afterwards."),
    ("h", "Signs of an opioid overdose"),
    ("li", "No response when you shout their name or rub hard on the breastbone."),
    ("li", "Slow, shallow or no breathing; snoring or gurgling sounds."),
    ("li", "Blue or grey lips and fingertips; very small pupils."),
    ("h", "What to do"),
    ("li", "1. Check for a response: shout, and rub your knuckles firmly on the breastbone."),
    ("li", "2. Call emergency services. Say that someone is unconscious and not breathing."),
    ("li", "3. Give naloxone. Nasal spray: one spray into one nostril. Injection: into the "
     "muscle of the outer thigh or upper arm, through clothing if needed."),
    ("li", "4. Support their breathing with rescue breaths or chest compressions if you know how; "
     "the emergency operator can talk you through it."),
    ("li", "5. If there is no response after two to three minutes, give another dose."),
    ("li", "6. Once they breathe, put them in the recovery position and stay with them."),
    ("h", "After naloxone"),
    ("p", "People often wake up in withdrawal, frightened or angry. Speak calmly, tell them what "
     "happened, and ask them not to use again straight away: the naloxone blocks the effect "
     "now, and the overdose can come back when it wears off."),
    ("h", "Lower the risk"),
    ("li", "Try not to use alone, or have someone check on you."),
    ("li", "Start with a small amount, above all after a break: tolerance falls fast after "
     "prison, hospital or detox."),
    ("li", "Take care when mixing opioids with alcohol, benzodiazepines or other downers."),
    ("li", "Carry naloxone, and tell your friends where you keep it."),
    ("small", "Demonstration content for the INPUD website. Laws and medical guidance differ "
     "between countries: check with your local harm reduction service. Free to copy and adapt "
     "with credit."),
]  # fmt: skip

GUIDE_ES = [
    ("p", "Escrita por personas que usan drogas, para personas que usan drogas y para quienes "
     "nos rodean. No sustituye una formación: si su servicio de reducción de daños organiza un "
     "taller de naloxona, vaya, y lleve a alguien."),
    ("h", "Qué hace la naloxona"),
    ("p", "La naloxona revierte durante un tiempo la sobredosis de opioides como la heroína, la "
     "metadona, la morfina o el fentanilo. Desplaza al opioide de los receptores del cerebro "
     "para que la respiración vuelva. No tiene efecto en quien no ha tomado opioides y no "
     "coloca a nadie. Actúa entre 30 y 90 minutos aproximadamente, menos que muchos opioides: "
     "por eso nunca hay que dejar sola a la persona después."),
    ("h", "Señales de una sobredosis de opioides"),
    ("li", "No responde si grita su nombre o le frota con fuerza el esternón."),
    ("li", "Respira lento, superficial o no respira; ronquidos o gorgoteos."),
    ("li", "Labios y uñas azulados o grises; pupilas muy pequeñas."),
    ("h", "Qué hacer"),
    ("li", "1. Compruebe si responde: grite y frote con los nudillos sobre el esternón."),
    ("li", "2. Llame a emergencias. Diga que hay una persona inconsciente que no respira."),
    ("li", "3. Administre naloxona. Espray nasal: una dosis en un orificio. Inyectable: en el "
     "músculo del muslo o del brazo, incluso a través de la ropa."),
    ("li", "4. Ayude a respirar con respiración de rescate o compresiones si sabe hacerlo; "
     "el servicio de emergencias puede guiarle."),
    ("li", "5. Si no responde en dos o tres minutos, administre otra dosis."),
    ("li", "6. Cuando respire, póngala en posición lateral de seguridad y quédese a su lado."),
    ("h", "Después de la naloxona"),
    ("p", "Muchas personas despiertan con síndrome de abstinencia, asustadas o enfadadas. Hable "
     "con calma, explique lo ocurrido y pida que no consuman enseguida: la naloxona bloquea el "
     "efecto ahora, y la sobredosis puede volver cuando se pase."),
    ("h", "Reducir el riesgo"),
    ("li", "Evite consumir a solas, o pida a alguien que le vigile."),
    ("li", "Empiece con poca cantidad, sobre todo tras una pausa: la tolerancia baja rápido "
     "después de la cárcel, el hospital o una desintoxicación."),
    ("li", "Cuidado al mezclar opioides con alcohol, benzodiacepinas u otros depresores."),
    ("li", "Lleve naloxona y diga a sus amistades dónde la guarda."),
    ("small", "Contenido de demostración del sitio web de INPUD. Las leyes y las pautas médicas "
     "varían según el país: consulte a su servicio local de reducción de daños. Se puede copiar "
     "y adaptar citando la fuente."),
]  # fmt: skip

# Each document is found again by its title.
DOCUMENTS = [
    {
        "key": "naloxone-en",
        "title": "Naloxone: a peer guide to reversing an overdose",
        "filename": "naloxone-peer-guide.pdf",
        "language": "en",
        "description": "Two pages on recognising an opioid overdose, giving naloxone and "
        "staying with the person afterwards. Print it, fold it, share it.",
        "blocks": GUIDE_EN,
    },
    {
        "key": "naloxone-es",
        "title": "Naloxona: guía entre pares para revertir una sobredosis",
        "filename": "naloxona-guia-entre-pares.pdf",
        "language": "es",
        "description": "La guía de naloxona en español: reconocer una sobredosis de opioides, "
        "administrar naloxona y acompañar a la persona después.",
        "blocks": GUIDE_ES,
    },
]

PAGES = [
    {
        "slug": "about",
        "title": "About INPUD",
        "menu_order": 1,
        "body": """
<p>The International Network of People who Use Drugs is a global, peer-led network.
Everything we do is shaped by people with lived experience of drug use: our members, our
board and most of our staff.</p>
<p>We work to protect the health and defend the human rights of people who use drugs. That
means campaigning against laws that punish us, pushing for harm reduction services that we
design and run ourselves, and making sure our communities are in the room when decisions about
HIV, hepatitis and drug policy are taken.</p>
<h2>What we do</h2>
<ul>
<li><strong>Advocacy</strong> at national, regional and international level, including at the
United Nations.</li>
<li><strong>Research</strong> led by peers, and plain-language digests of research by
others.</li>
<li><strong>Support for networks</strong>: training, mentoring and small grants for national
and regional groups of people who use drugs.</li>
<li><strong>Campaigns</strong>, such as our World AIDS Day actions for access to opioid
substitution therapy.</li>
</ul>
<h2>Nothing about us without us</h2>
<p>Drug user activists have said it for decades, and it still guides us: policies and services
for people who use drugs work better, and do less harm, when we help to shape them. We are not
a problem to be managed. We are experts in our own lives.</p>
<p>Membership is open to people who use or have used drugs and to the networks they run. We
publish in several languages and welcome translations from members.</p>
""",
    },
    {
        "slug": "contact",
        "title": "Contact",
        "menu_order": 2,
        "role": "contact",
        "body": """
<p>The quickest way to reach the secretariat is by e-mail at
<a href="mailto:secretariat@example.org">secretariat@example.org</a>. We read every message
and try to answer within five working days. You are welcome to write in Russian, Spanish or
French.</p>
<h2>Press</h2>
<p>Journalists can write to <a href="mailto:press@example.org">press@example.org</a>. We do
not put reporters in touch with individual members without their explicit consent, and we
never share the names or photos of people who asked to stay anonymous.</p>
<h2>Writing to us safely</h2>
<p>If you are telling us about something that could put you at risk, such as an arrest, a
police raid or discrimination at a clinic, you do not need to give your real name. Use an
e-mail address that is not linked to your identity if you prefer. We will not pass your
message on to anyone without asking you first.</p>
<p>We are a small team spread across many time zones and we do not run a crisis line. If you
or someone near you is in danger, contact your local emergency services or your local harm
reduction service.</p>
""",
    },
    {
        "slug": "privacy",
        "title": "Privacy",
        "menu_order": 3,
        "role": "privacy",
        "body": """
<p>Many of the people who read this site have good reasons to stay invisible. We built it to
know as little about you as possible, and this page says exactly what we keep and for how long.</p>
<h2>No tracking</h2>
<p>There are no analytics, advertising or social media scripts on this site and no tracking
pixels. Pages, fonts and images come from our own server, so reading the site does not tell
any other company that you were here.</p>
<h2>No IP addresses stored</h2>
<p>We never write your IP address or your browser's description into our database. To slow
down spammers, the server keeps a scrambled fingerprint of your address (a keyed hash that
cannot be turned back into the address) in its short-term memory for at most one hour after
you send a form, and then forgets it. We cannot hand over what we do not have.</p>
<h2>Comments</h2>
<p>When you comment we keep: the name you give (a pseudonym is fine), your comment, the time,
the boxes you ticked (urgent, private, e-mail me about replies) and, only if you give them, an
e-mail address and a website. Your e-mail address is never shown on the site; it is used only
to tell you about replies if you ask for that, and every such e-mail has a link to stop them.
Comments marked private are read by our staff and never published.</p>
<ul>
<li>Comments a moderator rejects as spam, and comments that are removed, are deleted for good
after 30 days.</li>
<li>E-mail addresses are deleted 90 days after the last comment in the conversation.</li>
<li>Right after you comment, the page shows you a private link that deletes your comment. Keep
it if you may want to use it later.</li>
</ul>
<h2>Campaign pledges</h2>
<p>When you sign up to support a campaign we keep what you type in the form (a name or
pseudonym, and if you give them an e-mail address, city, organisation and message), whether you
offered to organise an action, the consent wording you agreed to and the time. Pledges are never
published: the campaign page shows only how many there are. Only our moderators and editors can
read them. E-mail addresses given with a pledge are deleted 90 days after the campaign ends.</p>
<h2>Cookies</h2>
<p>None of our cookies follows you or tells anyone else about you. They appear only when they do
a job for you:</p>
<ul>
<li>a security cookie (<code>csrftoken</code>) on pages with a comment or sign-up form, so that
no other site can send the form in your name;</li>
<li><code>inpud_my_comments</code>, for 30 days after you comment, so that this device can show
you your comment while it waits for a moderator. If you tick “Remember me”, it also holds the
name, e-mail and website you typed, so you do not have to type them again;</li>
<li><code>inpud_trusted</code>, for a year, only if you ticked “Remember me” and a moderator has
approved one of your comments: your next comments are then published without waiting, unless
they contain many links or words our moderators check.</li>
</ul>
<p>The language you read in is part of the page address (/ru/, /es/, /fr/), not a cookie. Staff
who log in also receive a session cookie.</p>
<h2>Images and documents</h2>
<p>When staff upload a photo, the site removes its hidden data, including the camera model
and the place where the photo was taken, before anyone can download it.</p>
<h2>Your choices</h2>
<p>You can ask us for a copy of everything stored with your e-mail address, or ask us to erase
it, by writing to the address on our <a href="/contact/">contact page</a>. Erasing deletes your
pledges and keeps the text of published comments under the name “Anonymous” unless you ask us to
delete them too.</p>
""",
    },
]
