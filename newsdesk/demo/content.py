"""
The demo newsroom's content, written for newsdesk.

The flagship story covers the Putin–Modi meeting of December 4 (the event of the page
newsdesk is designed against), laid out in that page's five sections. The places and
people in the other stories are invented.
"""

SITE_NAME = "The Riverton Ledger"
# The demo newsroom's clock (Newsroom settings): pages show times in it, named.
TIME_ZONE = "Asia/Kolkata"

SECTIONS = [
    ("world", "World", "News from beyond our borders and what it means here."),
    ("politics", "Politics", "City hall, the state house and the people who run them."),
    ("business", "Business", "Companies, jobs and the money that moves the city."),
    ("culture", "Culture", "Screens, stages, books and the people who make them."),
]

AUTHORS = [
    {
        "slug": "meera-raghavan",
        "name": "Meera Raghavan",
        "role": "Diplomatic correspondent",
        "bio": "Meera covers foreign affairs and trade. She previously reported from Delhi "
        "and Geneva.",
        "links": [("Website", "https://example.org/meera")],
        "login": "reporter",
    },
    {
        "slug": "tomas-ferreira",
        "name": "Tomás Ferreira",
        "role": "Business and politics editor",
        "bio": "Tomás edits the business and politics desks and writes about city finances.",
        "links": [],
        "login": "editor",
    },
    {
        "slug": "hannah-okafor",
        "name": "Hannah Okafor",
        "role": "Culture writer",
        "bio": "Hannah writes about television, film and the city's arts scene.",
        "links": [("Newsletter", "https://example.org/hannah")],
    },
]

TOPICS = [
    ("india-russia-relations", "India–Russia relations"),
    ("diplomacy", "Diplomacy"),
    ("energy", "Energy"),
    ("city-hall", "City hall"),
    ("transport", "Transport"),
    ("television", "Television"),
    ("jobs", "Jobs"),
    ("housing", "Housing"),
]

FLAGSHIP = "putin-modi-december-4-talks"


def p(*paragraphs):
    return [{"type": "paragraph", "value": f"<p>{text}</p>"} for text in paragraphs]


def h(text):
    return [{"type": "heading", "value": text}]


# Each story: slug, section, headline, standfirst, type, dateline, authors, topics,
# picture (motif, palette, alt text, caption), hours ago first published, body.
# Bodies refer to other stories by slug ("also_read") and to pictures by key ("image").
STORIES = [
    {
        "slug": "stranger-things-final-season-volume-one",
        "section": "culture",
        "title": "Stranger Things begins its goodbye as first volume of final season lands",
        "standfirst": "The Duffer brothers' series releases its last season in three parts; "
        "viewers spent the first night comparing theories online.",
        "type": "news",
        "dateline": "",
        "authors": ["hannah-okafor"],
        "topics": ["television"],
        "picture": (
            "circles",
            "dusk",
            "Rings of pink and cream light on a dark purple field.",
            "An illustration of the show's neon palette.",
        ),
        "hours_ago": 30,
        "body": [
            *p(
                "The first four episodes of the fifth and final season of Stranger Things "
                "arrived on Netflix, opening a release split into three volumes that ends "
                "on New Year's Day.",
                "The volume picks up in the town of Hawkins in the autumn of 1987. Within "
                "hours of release, fan forums were filled with frame-by-frame readings of "
                "the finale of the fourth episode.",
                "Netflix has said the remaining episodes arrive at Christmas and on "
                "December 31, with the finale also shown in selected cinemas.",
            ),
        ],
    },
    {
        "slug": FLAGSHIP,
        "section": "world",
        "title": "Putin to visit New Delhi on December 4 for talks with Modi",
        "standfirst": "Defence purchases, energy and trade lead the agenda as the Russian "
        "president makes his first trip to India since 2021.",
        "type": "news",
        "dateline": "New Delhi",
        "authors": ["meera-raghavan", "tomas-ferreira"],
        "topics": ["india-russia-relations", "diplomacy", "energy"],
        "picture": (
            "skyline",
            "ember",
            "A city skyline in silhouette against an orange sky at dusk.",
            "New Delhi prepares for the Russian president's visit.",
        ),
        "hours_ago": 2,
        "updated": "Adds the draft agenda described by Indian officials.",
        "body": [
            *h("Introduction"),
            *p(
                "Russian President Vladimir Putin is due in New Delhi on December 4 for a "
                "meeting with Prime Minister Narendra Modi, the two governments have said. "
                "It will be his first visit to India since 2021.",
                "The talks come as both countries reassess their partnerships after years "
                "of war in Ukraine, Western sanctions on Moscow and shifting alliances in "
                "Asia.",
            ),
            *h("Main Details"),
            *p(
                "Defence deals, energy cooperation and bilateral trade are expected to "
                "dominate the meeting. India still buys a large share of its military "
                "equipment from Russia and wants firm commitments on deliveries and spare "
                "parts over the long term.",
                "Officials on both sides have pointed to joint manufacturing of defence "
                "equipment in India as an area where they want to expand.",
                "The war in Ukraine may also come up. India has not condemned Moscow and "
                "has kept buying Russian oil, while deepening ties with the United States "
                "and Europe.",
            ),
            {
                "type": "fact_box",
                "value": {
                    "title": "Key facts",
                    "body": "<ul><li>Date: December 4</li><li>Place: New Delhi</li>"
                    "<li>Last visit by Putin: 2021</li><li>Main topics: defence, energy, "
                    "trade</li></ul>",
                },
            },
            *h("Background"),
            *p(
                "India and Russia have described their relationship as a strategic "
                "partnership for decades, with cooperation ranging from arms sales to "
                "nuclear power.",
                "Much has changed since the Russian leader's last trip to Delhi: the full-"
                "scale invasion of Ukraine in 2022, sanctions that cut Russia off from "
                "Western markets, and India's rise as one of the largest buyers of "
                "Russian crude.",
            ),
            {
                "type": "image",
                "value": {
                    "image": "flagship-detail",
                    "caption": "Trade "
                    "between the two countries has grown with India's purchases of Russian oil.",
                },
            },
            # The live updates below (LIVE_COVERAGE) appear under this heading.
            *h("Latest Updates"),
            {"type": "also_read", "value": {"article": "stranger-things-final-season-volume-one"}},
            *h("Conclusion"),
            *p(
                "On paper the visit is a routine summit between long-standing partners. In "
                "practice, it is a test of how India balances its old ties with Moscow "
                "against its newer ones in the West, and the December 4 talks will show "
                "how much each side still needs the other.",
            ),
        ],
    },
    {
        "slug": "port-halden-strike-ends",
        "section": "world",
        "title": "Port Halden strike ends after nine days as dockworkers accept pay deal",
        "standfirst": "Container traffic resumes at the region's busiest port after union "
        "members vote to accept a three-year agreement.",
        "type": "news",
        "dateline": "Port Halden",
        "authors": ["tomas-ferreira"],
        "topics": ["jobs"],
        "picture": (
            "waves",
            "harbour",
            "Blue and white bands of water under a pale sky.",
            "The harbour reopened on Tuesday morning.",
        ),
        "hours_ago": 20,
        "body": p(
            "Dockworkers at Port Halden voted by 71 per cent to accept a new contract, "
            "ending a nine-day strike that left dozens of ships waiting offshore.",
            "The agreement raises pay by 4 per cent a year and limits the use of "
            "automated cranes without consultation, the union said.",
            "Shipping companies warned that clearing the backlog would take about two weeks.",
        ),
    },
    {
        "slug": "coastal-towns-flood-barrier-funding",
        "section": "world",
        "title": "Coastal towns win funding for shared flood barrier",
        "standfirst": "Three towns on the estuary will build a single tidal gate instead of "
        "raising their own sea walls.",
        "type": "news",
        "dateline": "Estuary Bay",
        "authors": ["meera-raghavan"],
        "topics": ["housing"],
        "picture": (
            "waves",
            "stone",
            "Grey waves breaking against a low wall.",
            "The estuary at high tide.",
        ),
        "hours_ago": 52,
        "body": p(
            "A regional fund has approved the money for a tidal barrier that will protect "
            "about 12,000 homes in three towns on the estuary.",
            "Engineers say one gate across the estuary mouth costs less than raising "
            "the sea walls of each town separately. Construction is due to start in "
            "spring.",
        ),
    },
    {
        "slug": "riverton-budget-vote",
        "section": "politics",
        "title": "Riverton council passes budget with more for buses and less for roads",
        "standfirst": "The 9–4 vote shifts 6 million towards public transport; opponents say "
        "road repairs will suffer.",
        "type": "news",
        "dateline": "Riverton",
        "authors": ["tomas-ferreira"],
        "topics": ["city-hall", "transport"],
        "picture": (
            "skyline",
            "stone",
            "Office blocks in silhouette against a grey-blue sky.",
            "City hall, where the council met until midnight.",
        ),
        "hours_ago": 6,
        "body": [
            *p(
                "Riverton's city council approved next year's budget by nine votes to "
                "four after a debate that ran until midnight.",
                "The budget moves 6 million from road resurfacing to bus services, adding "
                "two night routes and more frequent buses on the east side.",
            ),
            {
                "type": "table",
                "value": {
                    "caption": "Riverton transport budget, in millions",
                    "table": {
                        "columns": [
                            {"type": "text", "heading": "Item"},
                            {"type": "number", "heading": "This year"},
                            {"type": "number", "heading": "Next year"},
                        ],
                        "rows": [
                            {"values": ["Bus services", "18.0", "24.0"]},
                            {"values": ["Road resurfacing", "22.5", "16.5"]},
                            {"values": ["Cycle lanes", "3.0", "3.0"]},
                        ],
                    },
                },
            },
            *p(
                "Councillor Dana Whitlock, who voted against, said the cuts would leave "
                "potholes unrepaired for another winter.",
            ),
        ],
    },
    {
        "slug": "turnout-record-local-election",
        "section": "politics",
        "title": "Early voting sets record ahead of local election",
        "standfirst": "More than 41,000 residents have already voted, twice the number at "
        "the same point four years ago.",
        "type": "news",
        "dateline": "Riverton",
        "authors": ["tomas-ferreira"],
        "topics": ["city-hall"],
        "picture": (
            "circles",
            "ink",
            "Yellow and grey rings on a near-black background.",
            "Polling stations open at 7am on election day.",
        ),
        "hours_ago": 28,
        "body": p(
            "The city's election office said 41,300 people had voted early by Sunday "
            "evening, a record for a local election.",
            "Officials credited the new weekend opening hours at the central library, "
            "where a third of early votes were cast.",
        ),
    },
    {
        "slug": "why-the-bus-plan-matters",
        "section": "politics",
        "title": "Analysis: the bus plan is a bet on who Riverton's new residents will be",
        "standfirst": "The council is building for commuters who do not yet live here. "
        "Whether they arrive decides if the gamble pays off.",
        "type": "analysis",
        "dateline": "",
        "authors": ["tomas-ferreira"],
        "topics": ["transport", "housing"],
        "picture": (
            "hills",
            "meadow",
            "Green hills fading into the distance under a yellow sun.",
            "New housing is planned on the city's eastern edge.",
        ),
        "hours_ago": 10,
        "body": p(
            "The budget's shift towards buses follows the city's own housing forecast, "
            "which expects 8,000 new homes on the east side within a decade.",
            "If those homes are built near the new routes, the buses will fill. If "
            "construction stalls, the council will have cut road repairs for services "
            "that run half empty.",
        ),
    },
    {
        "slug": "bakery-chain-expands",
        "section": "business",
        "title": "Crumb & Co. to open six bakeries and hire 80 staff",
        "standfirst": "The family business says demand from office workers has returned to "
        "pre-pandemic levels.",
        "type": "news",
        "dateline": "Riverton",
        "authors": ["tomas-ferreira"],
        "topics": ["jobs"],
        "picture": (
            "circles",
            "ember",
            "Warm orange and cream circles on a dark red background.",
            "Crumb & Co. opened its first shop in 1998.",
        ),
        "hours_ago": 14,
        "body": p(
            "Crumb & Co., which runs eleven bakeries in the city, will open six more by "
            "the summer and hire about 80 people, its managing director said.",
            "The company will also move its baking to a larger site near the ring road.",
        ),
    },
    {
        "slug": "startup-raises-funding-for-battery-recycling",
        "section": "business",
        "title": "Battery recycling start-up raises 12 million",
        "standfirst": "Cellback plans a plant on the old rail yards that would employ 150 people.",
        "type": "news",
        "dateline": "Riverton",
        "authors": ["meera-raghavan"],
        "topics": ["energy", "jobs"],
        "picture": (
            "skyline",
            "harbour",
            "Teal industrial buildings against a pale sky.",
            "The former rail yards where the plant would be built.",
        ),
        "hours_ago": 40,
        "body": p(
            "Cellback, founded three years ago at the city university, has raised 12 "
            "million from investors to build its first full-scale recycling plant.",
            "The plant would recover lithium and cobalt from used car batteries. It still "
            "needs planning permission.",
        ),
    },
    {
        "slug": "rents-rise-slower",
        "section": "business",
        "title": "Rents in Riverton rise at slowest pace in five years",
        "standfirst": "New flats on the river front have eased pressure, letting agents say.",
        "type": "news",
        "dateline": "Riverton",
        "authors": ["tomas-ferreira"],
        "topics": ["housing"],
        "picture": (
            "skyline",
            "dusk",
            "Tall buildings in silhouette against a purple and pink sky.",
            "New flats along the river.",
        ),
        "hours_ago": 70,
        "body": p(
            "Average rents rose 2.1 per cent in the year to October, according to the "
            "city's letting agents' association, the smallest rise since 2020.",
            "About 1,400 new flats came onto the market along the river front this year.",
        ),
    },
    {
        "slug": "library-festival-returns",
        "section": "culture",
        "title": "Library book festival returns with 60 authors",
        "standfirst": "The free festival fills the central library for a weekend of talks, "
        "readings and workshops.",
        "type": "news",
        "dateline": "Riverton",
        "authors": ["hannah-okafor"],
        "topics": [],
        "picture": (
            "hills",
            "dusk",
            "Layered purple hills under a pink sun.",
            "The festival poster's artwork.",
        ),
        "hours_ago": 16,
        "body": [
            *p(
                "Sixty writers will speak at this year's Riverton Book Festival, which "
                "returns to the central library on the first weekend of December.",
            ),
            {
                "type": "pull_quote",
                "value": {
                    "quote": "A library is the one room in the city where nobody asks you "
                    "to buy anything.",
                    "attribution": "Ana Lindqvist, festival director",
                },
            },
            *p("All events are free; the most popular talks need a ticket from the desk."),
        ],
    },
    {
        "slug": "museum-reopens",
        "section": "culture",
        "title": "City museum reopens after two-year renovation",
        "standfirst": "A new glass roof brings daylight into the galleries for the first time "
        "since the 1960s.",
        "type": "news",
        "dateline": "Riverton",
        "authors": ["hannah-okafor"],
        "topics": [],
        "picture": (
            "circles",
            "stone",
            "Red and white rings on a slate-grey background.",
            "The museum's new entrance hall.",
        ),
        "hours_ago": 60,
        "body": p(
            "The Riverton City Museum reopened on Saturday after a renovation that "
            "replaced its roof and rebuilt its entrance.",
            "Entry to the permanent collection remains free.",
        ),
    },
    {
        "slug": "in-praise-of-the-night-bus",
        "section": "culture",
        "title": "Opinion: in praise of the night bus",
        "standfirst": "The new routes are not only a transport policy. They decide who gets "
        "to enjoy the city after dark.",
        "type": "opinion",
        "dateline": "",
        "authors": ["hannah-okafor"],
        "topics": ["transport"],
        "picture": (
            "skyline",
            "ink",
            "Dark buildings with a few lit yellow windows.",
            "Riverton after midnight.",
        ),
        "hours_ago": 8,
        "body": p(
            "Every theatre, bar and late kitchen in Riverton depends on people who need "
            "to get home after the last train. For years, many of them have walked.",
            "Two night routes will not fix that alone, but they are the first sign that "
            "the council counts the city's night workers as commuters too.",
        ),
    },
    {
        "slug": "new-bridge-opening-date",
        "section": "world",
        "title": "Cross-border rail bridge to open in March",
        "standfirst": "The bridge will cut the journey between the two capitals to under "
        "three hours.",
        "type": "news",
        "dateline": "Arlen",
        "authors": ["meera-raghavan"],
        "topics": ["transport", "diplomacy"],
        "picture": (
            "hills",
            "harbour",
            "Teal hills beside a wide river under a red sun.",
            "The river crossing near Arlen.",
        ),
        "hours_ago": 90,
        "body": p(
            "The rail bridge across the Arlen river will open to passengers in March, the "
            "two countries' transport ministries said in a joint statement.",
            "Freight trains will follow in the summer once signalling tests are complete.",
        ),
    },
]

# The flagship is a developing story: live coverage with timestamped updates (oldest
# first) and one correction. Minutes are counted back from when the demo is loaded.
LIVE_COVERAGE = {
    "story": FLAGSHIP,
    "started_minutes_ago": 115,
    "updates": [
        {
            "minutes_ago": 110,
            "author": "meera-raghavan",
            "headline": "Date confirmed for December 4",
            "key_event": True,
            "text": "Both governments now give the same date: the Russian president lands in "
            "New Delhi on December 4, four years after he was last in India.",
        },
        {
            "minutes_ago": 70,
            "author": "tomas-ferreira",
            "headline": "Agenda nearly settled",
            "key_event": True,
            "text": "Indian officials say the draft agenda is close to final. Energy supplies, "
            "defence collaboration, investment routes and regional security are on it.",
        },
        {
            "minutes_ago": 35,
            "author": "meera-raghavan",
            "headline": "",
            "key_event": False,
            "text": "Joint technology projects came up in the preparatory talks, officials "
            "said. Neither government has confirmed any agreement on them.",
        },
    ],
    "correction": {
        "minutes_ago": 20,
        "kind": "correction",
        "note": "An earlier version of this story said the Russian president last visited "
        "India in 2019. His last visit was in 2021.",
    },
}

# Readers' comments on two stories (approved, as if moderated); the flagship has none yet,
# like the reference page's "0 Comments".
COMMENTS = [
    {
        "story": "port-halden-strike-ends",
        "name": "Lena Okoro",
        "email": "lena.okoro@example.org",
        "body": "Nine days of lorries queued on the ring road. Glad it is over, but the "
        "deal only runs three years: we will be back here in 2029.",
        "minutes_after": 95,
        "replies": [
            {
                "name": "Sam Whitley",
                "email": "sam.w@example.org",
                "body": "Three years is longer than the last two agreements put together.",
                "minutes_after": 140,
            }
        ],
    },
    {
        "story": "library-festival-returns",
        "name": "Ines Duarte",
        "email": "ines.d@example.org",
        "body": "The children's workshops sold out in an hour last year. Book early!",
        "minutes_after": 60,
        "replies": [],
    },
]

CORRECTIONS_PAGE = {
    "slug": "corrections",
    "title": "Corrections and clarifications",
    "introduction": "<p>When we get something wrong, we correct the story and say so at its "
    "foot. Every correction and clarification we publish is listed here, newest first. To "
    "report an error, write to the editor.</p>",
}

EXTRA_PICTURES = {
    "flagship-detail": (
        "hills",
        "ember",
        "Rolling orange hills beneath a pale yellow sun.",
        "Oil and gas fields",
    ),
}

ABOUT_PAGE = {
    "slug": "about",
    "title": "About the Riverton Ledger",
    "introduction": "An independent newsroom covering Riverton and the world beyond it.",
    "body": p(
        "The Riverton Ledger is the demonstration site of newsdesk, an open-source news "
        "publishing platform. Its stories, people and places are examples.",
        "Corrections: if we get something wrong, we fix it and say so at the foot of the story.",
    ),
}


# The demo's e-mail list and a few readers on it (addresses of the reserved example domain).
NEWSLETTER = {
    "name": "Daily briefing",
    "slug": "daily-briefing",
    "cadence": "Every weekday at 7",
    "description": "The morning's stories from the Ledger's desks, in five minutes.",
    "sender_name": "The Riverton Ledger",
    "sender_email": "briefing@riverton-ledger.example",
    # A digest every morning at 7 (the scheduler `newsdesk demo` starts sends it).
    "digest": "daily",
}
# Printed in every list e-mail's footer (required before the first send).
POSTAL_ADDRESS = "The Riverton Ledger\n14 Mill Street\nRiverton"
NEWSLETTER_READERS = [
    ("ada.okafor@example.org", "Ada Okafor"),
    ("tomas.reyes@example.org", "Tomás Reyes"),
    ("mei.lin@example.net", "Mei Lin"),
]
