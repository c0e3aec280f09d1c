"""
The demo posts as data, in the order they are created (originals before translations);
the rest are in posts.demo.more_articles.

When each appears: "days_ago" (published that many days back), "after_world_aids_day"
(days after the most recent 1 December), "in_days" (scheduled: published but in the
future) or status "draft" (no date).
"""

WORLD_AIDS_DAY_EN = {
    "slug": "world-aids-day-protests-russian-embassies",
    "title": "World AIDS Day: outside Russian embassies, we demand substitution therapy",
    "byline": "inpud-secretariat",
    "categories": ["news", "events", "campaigns"],
    "tags": ["World AIDS Day", "HIV", "OST", "harm reduction", "human rights"],
    "after_world_aids_day": 1,
    "image": "world-aids-day",
    "sticky": True,
    "body": """
<p>On World AIDS Day, activists from networks of people who use drugs and their allies gathered
outside Russian embassies and consulates in thirteen cities, from Canberra to Toronto. Each
protest ran from 16:00 to 18:00 local time, so that as the day travelled around the planet,
one city handed the banner on to the next.</p>
<p>Our demand is simple and it has not changed: opioid substitution therapy must be legal and
available in Russia, and in every territory under Russian control where programmes that once
worked have been closed.</p>
<!--more-->
<h2>Why embassies</h2>
<p>Methadone and buprenorphine are on the World Health Organization's list of essential
medicines. They keep people alive, reduce injecting and slow the spread of HIV and hepatitis C.
Russia remains one of very few countries where they are banned outright for treating
dependence. When substitution programmes in Crimea were shut down after 2014, people who had
been stable for years lost their treatment overnight. Our members told us about friends who
relapsed, who were arrested, who died.</p>
<h2>Thirteen cities, one message</h2>
<p>New York, Mexico City, Canberra, Edinburgh, Barcelona, Berlin, Bucharest, London, Paris,
Porto, Stockholm, Tbilisi and Toronto. In some cities a handful of people held a banner and
shared a thermos of tea; in others, local HIV organisations, nurses and curious passers-by
joined in. In Tbilisi, peers read out the names of friends lost to overdose and HIV. In Paris
and Porto, speakers reminded the crowd that their own countries once resisted substitution
therapy too, and changed course because the evidence left no room for doubt. Where nobody
came to the embassy door, our letter was left with the guards.</p>
<h2>What we ask for</h2>
<ol>
<li>Legalise methadone and buprenorphine for the treatment of opioid dependence.</li>
<li>Restore treatment for people in territories where programmes were closed.</li>
<li>Involve people who use drugs in designing HIV services, not only as their clients.</li>
</ol>
<p>Thank you to everyone who stood in the cold or the summer heat, translated leaflets and
carried the banner home afterwards. HIV is not over, and neither is this campaign.</p>
""",
}

WORLD_AIDS_DAY_RU = {
    "slug": "den-borby-so-spidom-protesty-u-posolstv-rossii",
    "title": "Всемирный день борьбы со СПИДом: у посольств России мы требуем "
    "заместительной терапии",
    "byline": "inpud-secretariat",
    "categories": ["news", "events", "campaigns"],
    "tags": ["World AIDS Day", "HIV", "OST", "harm reduction", "human rights"],
    "after_world_aids_day": 2,
    "image": "world-aids-day",
    "language": "ru",
    "translation_of": WORLD_AIDS_DAY_EN["slug"],
    "body": """
<p>Во Всемирный день борьбы со СПИДом активисты сетей людей, употребляющих наркотики, и их
союзники вышли к посольствам и консульствам России в тринадцати городах, от Канберры до
Торонто. Каждая акция шла с 16:00 до 18:00 по местному времени, и день протеста, как эстафета,
переходил из одного часового пояса в другой.</p>
<p>Наше требование простое и не меняется: опиоидная заместительная терапия должна быть
законной и доступной в России и на всех подконтрольных ей территориях, где закрыли когда-то
работавшие программы.</p>
<!--more-->
<h2>Почему посольства</h2>
<p>Метадон и бупренорфин входят в перечень основных лекарственных средств Всемирной
организации здравоохранения. Они сохраняют жизни, снижают число инъекций и сдерживают
распространение ВИЧ и гепатита С. Россия остаётся одной из очень немногих стран, где их
применение для лечения зависимости полностью запрещено. Когда после 2014 года в Крыму закрыли
программы заместительной терапии, люди, годами жившие стабильно, в один день остались без
лечения. Наши участники рассказывали о друзьях, которые сорвались, попали под арест или
умерли.</p>
<h2>Тринадцать городов, одно требование</h2>
<p>Нью-Йорк, Мехико, Канберра, Эдинбург, Барселона, Берлин, Бухарест, Лондон, Париж, Порту,
Стокгольм, Тбилиси и Торонто. Где-то у ворот стояли несколько человек с плакатом и термосом
чая, где-то к нам присоединились местные ВИЧ-сервисные организации, медсёстры и прохожие.
В Тбилиси равные консультанты зачитали имена друзей, которых унесли передозировки и ВИЧ.
В Париже и Порту выступавшие напомнили, что и их страны когда-то сопротивлялись
заместительной терапии и изменили курс, потому что доказательства не оставили места для
сомнений. Там, где к нам никто не вышел, письмо оставили охране.</p>
<h2>Чего мы требуем</h2>
<ol>
<li>Разрешить метадон и бупренорфин для лечения опиоидной зависимости.</li>
<li>Вернуть лечение людям на территориях, где программы были закрыты.</li>
<li>Привлекать людей, употребляющих наркотики, к созданию ВИЧ-сервисов, а не только видеть
в них клиентов.</li>
</ol>
<p>Спасибо всем, кто стоял на холоде или под летним солнцем, переводил листовки и уносил
плакат домой после акции. ВИЧ никуда не делся, и наша кампания продолжается.</p>
""",
}

REPORT_DIGEST = {
    "slug": "digest-global-harm-reduction-report",
    "title": "Research digest: what a global harm reduction report tells us, and what it "
    "leaves out",
    "byline": "sasha-k",
    "categories": ["research"],
    "tags": ["harm reduction", "HIV", "hepatitis C", "OST"],
    "days_ago": 60,
    "body": """
<p>Every couple of years, researchers and civil society groups map harm reduction services
country by country. The newest global report of this kind has landed on our desks, and we read
all of it so that you do not have to. Here is what matters most for people who use drugs and
for the peers who work with them.</p>
<!--more-->
<h2>Services exist, but not where they are needed</h2>
<p>Needle and syringe programmes and opioid substitution therapy now exist in more countries
than a decade ago. But on a world map, a country is coloured in even if its only programme is
a pilot in the capital, open on weekdays, with a waiting list. Maps like this count countries,
not people.</p>
<h2>Money is moving the wrong way</h2>
<p>The report describes funding for harm reduction as far below what is needed, with
international donors stepping back from many middle-income countries. When that money goes,
the first services to close are usually the peer-led ones: outreach, drop-in spaces and
community distribution of naloxone.</p>
<h2>Punishment still costs lives</h2>
<p>Criminalisation runs through every regional chapter. Where possession is a crime, people
avoid services, carry fewer clean syringes and use alone, which is exactly when an overdose
turns fatal.</p>
<h2>A note on numbers</h2>
<p>Global figures are estimates built from patchy national data, and people who use drugs are
often counted badly or not at all. To take an illustrative example: if a country reports that
a thousand people receive substitution therapy, that tells us nothing about the many more who
may need it and cannot get it. Read coverage figures as a floor, not a ceiling, and always ask
who was asked.</p>
<h2>What we take from it</h2>
<ul>
<li>Fund peer-led services directly, not only through large intermediaries.</li>
<li>Measure coverage by the people reached, not by the number of countries.</li>
<li>Decriminalisation is a health measure, and the report's own evidence points that way.</li>
</ul>
""",
}

PEER_SEMINAR = {
    "slug": "peer-work-is-work-seminar-notes",
    "title": "Peer work is work: notes from our online seminar",
    "byline": "sasha-k",
    "categories": ["events", "research"],
    "tags": ["peer work", "harm reduction"],
    "days_ago": 45,
    "image": "peer-work",
    "body": """
<p>Around forty peer workers joined our online seminar last week, from outreach teams, drop-in
centres, prison programmes and national networks. We met in three time zones and four
languages, with volunteer interpreters who deserve a medal. These notes collect what we heard;
nobody is named, as agreed at the start.</p>
<!--more-->
<h2>Lived experience is expertise</h2>
<p>Almost everyone described the same moment: a client who would not talk to a doctor or a
social worker, but talked to them. Peers know which questions not to ask, which service treats
people badly and where to find someone who has not been seen for a week. That knowledge is a
skill, and several participants asked us to stop describing it as a "bridge" or a "link", as if
peers were a route to the real professionals.</p>
<h2>Pay, contracts and respect</h2>
<p>Too many peer workers are still paid in vouchers, on short contracts or not at all, while
doing the hardest shifts. The group agreed on a few principles to take back to employers:</p>
<ul>
<li>Pay peers at the same rate as other staff doing comparable work.</li>
<li>Offer proper contracts, sick leave and a route to promotion.</li>
<li>Do not make abstinence a condition of employment.</li>
<li>Provide supervision chosen by the worker, not imposed as surveillance.</li>
</ul>
<h2>Looking after ourselves</h2>
<p>Grief came up again and again. Peer workers lose clients who are also friends, and then go
back to work the next morning. Participants shared what helps: debriefing after a death, the
right to take a day off without explaining, and peer support groups for the supporters
themselves.</p>
<p>We will turn these notes into a short position paper for members to use in negotiations.
If you missed the seminar and want to add your view, write to us.</p>
""",
}

NALOXONE_GUIDE = {
    "slug": "download-naloxone-peer-guide",
    "title": "Download: Naloxone, a peer guide to reversing an overdose",
    "byline": "inpud-secretariat",
    "categories": ["guides", "campaigns"],
    "tags": ["naloxone", "overdose", "harm reduction"],
    "days_ago": 22,
    "image": "naloxone-guide",
    "documents": ["naloxone-en", "naloxone-es"],
    "body": """
<p>Most overdoses happen in front of other people. Most of them can be reversed, if someone
nearby has naloxone and knows what to do. That is the idea behind our new two-page guide,
written and tested by peers and now ready to download, print and share.</p>
<!--more-->
<h2>What is in the guide</h2>
<ul>
<li>How to recognise an opioid overdose, and how it differs from someone who is simply very
high.</li>
<li>Step by step: checking for a response, calling for help, giving naloxone as a nasal spray
or an injection, and supporting breathing.</li>
<li>What happens after naloxone, including withdrawal, and why the person must not be left
alone.</li>
<li>Simple ways to lower the risk, especially after a break in use.</li>
</ul>
<h2>Made to be passed on</h2>
<p>We kept it short on purpose. It fits on both sides of one sheet of paper, folds into a
pocket and uses plain words. Outreach teams can print it in black and white; it works without
colour. You are free to translate and adapt it for your community, as long as you keep the
credit and check the legal advice against your own country's laws.</p>
<p>The guide is available in English and in Spanish, and volunteers are working on more
languages. If your group would like to translate it, please get in touch so that we can share
the source files and avoid two teams doing the same work.</p>
<p>A guide is not a substitute for naloxone in your pocket. Ask your local harm reduction
service whether they hand out kits, and if they do not, ask them why not.</p>
""",
}

ARTICLES = [WORLD_AIDS_DAY_EN, WORLD_AIDS_DAY_RU, REPORT_DIGEST, PEER_SEMINAR, NALOXONE_GUIDE]
