"""The rest of the demo posts (see posts.demo.articles for the fields)."""

TESTIMONY = {
    "slug": "what-i-know-now",
    "title": "What I know now that I did not know the night Tomas died",
    "byline": "river",
    "categories": ["stories"],
    "tags": ["naloxone", "overdose", "peer work"],
    "days_ago": 30,
    "content_warning": "overdose, death of a friend",
    "body": """
<p>I have written this post four times and deleted it three. I am publishing it under a
pseudonym because the people in it deserve privacy, and because I still live in a town where
being known as someone who uses drugs can cost you your flat. Tomas is not his real name
either.</p>
<p>He was my friend for eleven years. We met in the queue at a needle exchange and argued
about football before we had even swapped names. He was funny, stubborn and generous to a
fault; he once gave his last pair of dry socks to a stranger at a bus station.</p>
<!--more-->
<p>The night he died, we were at a friend's place. He had been out of prison for nine days.
I knew, the way everybody knows, that your tolerance drops inside. I did not know how fast, or
how far. He used in the bathroom with the door closed, a habit from prison. By the time we
found him he was not breathing. Nobody in the flat had naloxone. We called an ambulance, I did
chest compressions the way I had seen on television, and the paramedics tried for a long
time.</p>
<p>I am not writing this to make anyone feel guilty, least of all myself, although that took
years. I am writing it because of what I know now:</p>
<ul>
<li>The first weeks after release from prison are among the most dangerous there are. Nobody
should walk out of the gate without naloxone and someone to call.</li>
<li>Closed doors kill. Agree with your friends that nobody uses alone, and that knocking is
not rude.</li>
<li>Naloxone is easy to use. I have used it twice since, on strangers, and both of them walked
away.</li>
</ul>
<p>I now volunteer with a peer outreach team. With every kit I hand out, I think of Tomas and
the dry socks. If you have lost someone: you are not alone, and it was not your fault. Talk to
someone who understands; many harm reduction services run groups for people who are
grieving.</p>
""",
}

DECRIMINALISATION = {
    "slug": "press-release-decriminalise-people-who-use-drugs",
    "title": "Press release: stop punishing people who use drugs, decriminalise now",
    "byline": "inpud-secretariat",
    "categories": ["press-releases", "campaigns"],
    "tags": ["decriminalisation", "human rights", "harm reduction"],
    "days_ago": 3,
    "allow_comments": False,
    "excerpt": "The network calls on governments to end criminal penalties for drug use and "
    "possession for personal use, and to move the money into health and harm reduction.",
    "body": """
<p><strong>For immediate release.</strong> The International Network of People who Use Drugs
today called on governments to remove criminal penalties for drug use and for possession of
drugs for personal use, and to move the money saved into health, housing and harm reduction
services designed with our communities.</p>
<p>"Every arrest for possession is a choice to treat a question of health and poverty as a
crime," said a spokesperson for the network, who asked, like many of our members, not to be
named. "We have lived with the results for decades: crowded prisons, outbreaks of HIV and
hepatitis, and people who die alone because they were too afraid to call an ambulance."</p>
<!--more-->
<h2>What decriminalisation means</h2>
<p>Decriminalisation removes criminal punishment for using drugs and for possessing them for
personal use. It does not mean that drugs are sold in shops. Several countries and cities have
taken this step in different forms. Where it has come together with investment in health
services, more people have reached support, not fewer.</p>
<h2>Our demands</h2>
<ul>
<li>End criminal penalties for drug use and possession for personal use, without putting
compulsory treatment or heavy fines in their place.</li>
<li>Clear the criminal records of people convicted of possession in the past.</li>
<li>Invest in peer-led harm reduction, including drug checking, naloxone and substitution
therapy.</li>
<li>Involve people who use drugs in designing the reforms and in checking that they work.</li>
</ul>
<p>"Decriminalisation done badly, with fines and forced treatment, can simply swap one
punishment for another," the spokesperson added. "We are asking for reform designed with us,
not done to us."</p>
<h2>Notes to editors</h2>
<p>INPUD is a global, peer-led network of people who use drugs. Interviews with members can be
arranged on request and only with their consent; many will speak under a pseudonym. Press
contact: <a href="mailto:press@example.org">press@example.org</a>.</p>
""",
}

NALOXONE_NOTE = {
    "slug": "naloxone-belongs-in-every-pocket",
    "title": "Naloxone belongs in every pocket, not behind a pharmacy counter",
    "byline": "inpud-secretariat",
    "categories": ["news", "campaigns"],
    "tags": ["naloxone", "overdose", "harm reduction", "peer work"],
    "days_ago": 9,
    "body": """
<p>Naloxone is one of the simplest life-saving medicines there is. It has no effect on people
who have not taken opioids, and a nasal spray can be given by anyone after a few minutes of
instruction. The World Health Organization recommends that people likely to witness an opioid
overdose, including people who use drugs and their friends and families, should have access to
it. Yet in many countries it still sits behind a pharmacy counter, on prescription only, or in
an ambulance that arrives too late.</p>
<!--more-->
<h2>Who is there when it happens</h2>
<p>Overdoses rarely happen in clinics. They happen in flats, stairwells and cars, and in the
first days after someone leaves prison. The person most likely to be there is another person
who uses drugs. Peer distribution, where people who use drugs are trained and supplied to hand
out kits in their own communities, reaches exactly those people. Our members have done it for
years, often without permission and at their own risk.</p>
<h2>The barriers we keep meeting</h2>
<ul>
<li><strong>Prescription rules</strong> that require a doctor's appointment before a person can
carry naloxone, or allow only medical staff to give it.</li>
<li><strong>Price</strong>, above all for nasal sprays, which are easier to use but often cost
far more than injectable naloxone.</li>
<li><strong>Policing</strong>: in some places a naloxone kit in your bag is treated as evidence
that you use drugs.</li>
<li><strong>Prison release</strong> without a kit, at the very moment the risk is highest.</li>
</ul>
<h2>What we ask</h2>
<p>Make naloxone available without prescription, nasal sprays included, and let peers
distribute it. Give a kit to everyone who leaves prison and to every patient discharged after
an overdose. And fund the peer networks that already know where the kits are needed.</p>
<p>Our <a href="/posts/download-naloxone-peer-guide/">two-page peer guide to reversing an
overdose</a> is free to download, print and translate.</p>
""",
}

HEPATITIS_C = {
    "slug": "hepatitis-c-is-curable-why-are-we-still-waiting",
    "title": "Hepatitis C is curable. Why are our members still waiting?",
    "byline": "sasha-k",
    "categories": ["research", "campaigns"],
    "tags": ["hepatitis C", "harm reduction", "human rights"],
    "days_ago": 16,
    "image": "hepatitis-c",
    "body": """
<p>Not long ago, treatment for hepatitis C meant months of injections, harsh side effects and a
modest chance of success. Today a course of tablets taken for eight to twelve weeks cures the
great majority of people, with few side effects. It is one of the most remarkable advances in
medicine in our lifetime, and for many people who use drugs it is still out of reach.</p>
<!--more-->
<h2>Rules that keep us out</h2>
<p>Some health systems still ask people to prove months of abstinence before they can start
treatment, or keep the medicines for those whose liver is already badly damaged. Neither rule
makes medical sense: people who use drugs, including people who inject, do well on the new
treatments. Others refuse a second course to someone who is reinfected, as if reinfection were
a moral failing rather than a sign that prevention services are missing.</p>
<h2>Price and patents</h2>
<p>In many countries the price of the medicines is the main barrier. Where generic versions are
allowed, costs have fallen steeply; where patents and pricing deals keep them out, governments
ration treatment. Whether you are cured should not depend on which side of a border you were
born.</p>
<h2>Testing and treating where people are</h2>
<p>The programmes that work best bring testing and treatment to places people already trust:
needle and syringe programmes, substitution clinics, drop-in centres and prisons. Peer
navigators walk alongside people from the first finger-prick test to the last tablet. Member
networks that run such projects tell us the same thing: people finish treatment when they are
treated with respect.</p>
<h2>What we ask</h2>
<ul>
<li>Remove abstinence and liver-damage requirements for treatment.</li>
<li>Treat reinfection without judgement and without limits.</li>
<li>Make affordable generic medicines available everywhere.</li>
<li>Fund peer navigation as part of every national elimination plan.</li>
</ul>
""",
}

SUPPORT_DONT_PUNISH_ES = {
    "slug": "26-de-junio-apoye-no-castigue",
    "title": "26 de junio: apoyo, no castigo",
    "byline": "inpud-secretariat",
    "categories": ["campaigns", "events"],
    "tags": ["decriminalisation", "harm reduction", "naloxone"],
    "days_ago": 12,
    "language": "es",
    "documents": ["naloxone-es"],
    "body": """
<p>Cada 26 de junio, mientras muchos gobiernos celebran el Día Internacional contra el Uso
Indebido y el Tráfico Ilícito de Drogas con discursos de «tolerancia cero», las personas que
usan drogas y sus aliados salen a la calle con otro mensaje: apoyo, no castigo.</p>
<p>La campaña nació de la sociedad civil y hoy se celebra en cientos de ciudades. Cada grupo
elige su forma: una marcha, un picnic, un mural, o una mesa con naloxona y material de
inyección limpio frente al ayuntamiento.</p>
<!--more-->
<h2>Por qué participamos</h2>
<p>La prohibición no ha reducido el consumo; ha llenado las cárceles. En muchos países, las
personas que usan drogas siguen siendo detenidas por cantidades mínimas, y una detención puede
significar perder el trabajo, la vivienda o la custodia de los hijos. Quien teme a la policía
no lleva su propia jeringa, no llama a una ambulancia cuando un amigo sufre una sobredosis y no
se acerca a un servicio de salud.</p>
<h2>Lo que pedimos</h2>
<ul>
<li>Despenalizar el uso y la posesión para consumo personal.</li>
<li>Invertir en reducción de daños dirigida por pares: programas de jeringas, naloxona,
análisis de sustancias y terapia de sustitución.</li>
<li>Que la salud deje de estar en manos de la policía.</li>
<li>Sentar a las personas que usan drogas a la mesa cuando se escriben las leyes que nos
afectan.</li>
</ul>
<h2>Súmese</h2>
<p>Si su organización prepara una acción, cuéntenosla: compartiremos fotos e historias, siempre
con consentimiento y sin mostrar caras si así lo prefieren. Y si necesita materiales, nuestra
guía de naloxona entre pares ya está disponible en español para descargar e imprimir.</p>
""",
}

CALL_FOR_WRITERS = {
    "slug": "call-for-peer-researchers",
    "title": "Call for contributions: peer researchers wanted for our next digest",
    "byline": "sasha-k",
    "categories": ["research"],
    "tags": ["peer work"],
    "in_days": 30,
    "body": """
<p>Our research digest is written by peers, for peers, and we want more voices in it. For the
next issues we are looking for members who would like to read a study, a report or a policy
paper and tell the rest of the network what it means in practice.</p>
<p>You do not need a university degree. You need curiosity, some time, and a willingness to
ask awkward questions: who was counted, who was left out, who paid for the research and who
benefits from its conclusions.</p>
<!--more-->
<h2>What we offer</h2>
<ul>
<li>A fee for every digest you write, at the same rate as other contributors.</li>
<li>An editor from the secretariat who will work through your draft with you.</li>
<li>A pseudonym if you want one. Many of our writers use one, and we never publish personal
details without consent.</li>
<li>A short online training on reading statistics and spotting weak methods.</li>
</ul>
<h2>How to take part</h2>
<p>Send us a few lines about yourself, the languages you read and a topic you care about: for
example prison health, stimulants, women who use drugs, or drug checking. We welcome messages
in English, Russian, Spanish and French, and we will reply to everyone within a month.</p>
""",
}

CONSULTATION_DRAFT = {
    "slug": "draft-regional-consultation-substitution-therapy",
    "title": "Draft: notes from the regional consultation on substitution therapy",
    "byline": "inpud-secretariat",
    "categories": ["news", "research"],
    "tags": ["OST", "peer work"],
    "status": "draft",
    "body": """
<p><em>Editor's note: not for publication until every participant has approved the
wording.</em></p>
<p>About twenty peers from community organisations took part in a two-day consultation on the
state of opioid substitution therapy in their region. Most of them are on treatment
themselves, and several work in the clinics they described.</p>
<!--more-->
<p>Three themes came up in every session. First, daily supervised dosing with no take-home
doses makes it almost impossible to keep a job or care for children. Second, doses are often
too low, which pushes people back to the street market. Third, being registered as a patient
can still lead to police attention, a lost driving licence or trouble with child protection
services.</p>
<p>Participants asked for take-home doses for stable patients, doses set together with the
patient, and a firm separation between treatment records and the police. To be completed
with the recommendations and the list of organisations that agreed to be named.</p>
""",
}

ARTICLES = [
    TESTIMONY,
    DECRIMINALISATION,
    NALOXONE_NOTE,
    HEPATITIS_C,
    SUPPORT_DONT_PUNISH_ES,
    CALL_FOR_WRITERS,
    CONSULTATION_DRAFT,
]
