"""
Dates: relative and partial dates resolved against the publication date, shown in full.

Candidate dates are found with our own patterns first ("December 4", "4 December",
"on Monday", "next week") and only then worked out, so words such as the modal "may"
are never read as dates. The publication date is the story's (in the site's time zone),
or the date given to ``newsdesk check --published``, or today.
"""

import calendar
import re
from datetime import date, timedelta

from django.core.checks import WARNING
from django.utils import timezone

from .base import Found, check
from .language import writers_voice

MONTHS = {name.lower(): n for n, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): n for n, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): n for n, name in enumerate(calendar.day_name)}
_MONTH = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|"
    r"November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
)
_YEAR = r"(?:,?\s+(?P<year>\d{4}))?"
MONTH_DAY = re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b{_YEAR}")
DAY_MONTH = re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?!\w){_YEAR}")
WEEKDAY = re.compile(
    r"\b(?P<which>this|next|last|on|by|until|from|since)?\s*"
    r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
)
# "between October 31 and November 2, 2012": the range's year is its first day's too.
_ANY_MONTH = _MONTH.replace("?P<month>", "?:")
RANGE_YEAR = re.compile(
    rf"\s*(?:and|to|-|–|until|through)\s+(?:{_ANY_MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+{_ANY_MONTH}),?"
    r"\s+(?P<year>\d{4})\b"
)
# "at today's prices": money's value now, not a day.
TODAYS_MONEY = re.compile(r"['’]s\s+(?:prices|money|terms|values?|standards|rates)\b")
# After a weekday, what makes it a kind of day rather than a date: a range or list of
# weekdays ("Monday to Saturday", "Saturday and Sunday") or a noun it describes.
KIND_OF_DAY = re.compile(
    r"\s*(?:(?:to|and|or|-|–|through)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|"
    r"Saturday|Sunday)\b|(?:opening|openings|closing|hours|trading|services?|bus|buses|"
    r"trains?|timetables?|markets?|shifts?|papers?|editions?|league|lunch|lunches|roast|"
    r"school|clubs?|sessions?|collections?|parking|fares?|rates?|pay|working|"
    r"deliver(?:y|ies)|schedule|daytime|evenings)\b)"
)
_COUNT = (
    r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"a\s+couple\s+of|a\s+few|\d{1,3})"
)
RELATIVE = re.compile(
    r"\b(?P<phrase>today|tonight|tomorrow|yesterday|last\s+night(?!\s+of\b)|"
    r"this\s+(?:morning|afternoon|evening)|"
    r"(?:by|at|before|until|towards?)\s+the\s+end\s+of\s+(?:the|this|next)\s+"
    r"(?:week|month|year)|"
    r"(?:at|from|since|by)\s+the\s+(?:start|beginning)\s+of\s+(?:the|this|next)\s+"
    r"(?:week|month|year)|"
    # "last quarter"; "in the last quarter" is the past three months, a span
    r"(?<!\bthe\s)(?:this|next|last)\s+quarter|"
    r"(?:this|next|last)\s+(?:week|weekend|month|year|spring|summer|autumn|fall|winter)|"
    r"last\s+evening|"
    r"(?:until|over|at|by|before|after|during)\s+the\s+weekend|in\s+the\s+new\s+year|"
    r"earlier\s+this\s+(?:week|month|year)|later\s+this\s+(?:week|month|year)|"
    rf"in\s+(?P<ahead>{_COUNT})\s+(?:days?|weeks?|fortnights?|months?|years?)(?:['’]\s+time)?|"
    rf"(?P<back>{_COUNT})\s+(?:days?|weeks?|fortnights?|months?|years?)\s+ago)\b",
    re.IGNORECASE,
)
# "next June", "last March": read only where "next" or "last" stands before a month.
NAMED_MONTH = re.compile(
    r"\b(?P<phrase>(?:[Nn]ext|[Ll]ast)\s+(?:January|February|March|April|May|June|July|"
    r"August|September|October|November|December))\b"
)
RELATIVE_WORDS = frozenset(
    [
        "today",
        "tonight",
        "tomorrow",
        "yesterday",
        "night",
        "morning",
        "afternoon",
        "evening",
        "week",
        "weekend",
        "weeks",
        "month",
        "months",
        "year",
        "years",
        "day",
        "days",
        "fortnight",
        "fortnights",
        "spring",
        "summer",
        "autumn",
        "fall",
        "winter",
        "quarter",
    ]
)
NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "a few": 3,
}
NUMERIC = re.compile(r"\b(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<year>\d{2,4})\b")
FUTURE = re.compile(
    r"\b(will|shall|(?:is|are) (?:due|scheduled|set|to)|next|upcoming)\b",
    re.IGNORECASE,
)
# "the first time in two years", "its lowest level in five years": a span back from now.
SPAN = re.compile(
    r"\b(?:first|only|time|times|once|twice|ever|highest|lowest|biggest|largest|smallest|"
    r"strongest|weakest|fastest|slowest|best|worst|most|least|level|decline|rise|fall|"
    r"gain|loss|drop)\b[\w\s’'-]{0,20}$",
    re.IGNORECASE,
)
PRESENT = re.compile(r"\b(?:is|are|will|to\s+be)\b", re.IGNORECASE)
PAST = re.compile(
    r"\b(was|were|had|did|met|said|held|took place|last|ago|earlier)\b", re.IGNORECASE
)


def _long(day):
    return f"{day.strftime('%A')} {day.day} {day.strftime('%B %Y')}"


IRREGULAR_PAST = set(
    """spoke met said told went came took gave made won lost left began rose fell ran saw
    held sold paid struck broke wrote chose drove flew grew knew threw fought brought bought
    thought caught sought kept felt dealt meant sent spent built stood heard led fed hit cut
    put set shut quit""".split()  # noqa: SIM905
)
NOT_PAST = {"need", "needed", "speed", "indeed", "feed", "seed", "shed", "bred", "embed"}


def _tense(text):
    if FUTURE.search(text):
        return "future"
    if PAST.search(text):
        return "past"
    for word in re.findall(r"[a-z]+", text):
        if word in IRREGULAR_PAST or (
            len(word) > 4 and word.endswith("ed") and word not in NOT_PAST
        ):
            return "past"
    return ""


def published_date(story):
    return story.published or timezone.localdate()


def resolve_day_month(day, month, published, tense):
    """The year that puts a day and month nearest the publication date (or ``None``)."""
    candidates = []
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            continue
    if not candidates:
        return None
    if tense == "future":
        # "will take place on December 4": the next December 4, never the last one.
        ahead = [c for c in candidates if c >= published]
        if ahead:
            return ahead[0]
    if tense == "past":
        behind = [c for c in candidates if c <= published]
        if behind and (published - behind[-1]).days <= 200:
            return behind[-1]
    return min(candidates, key=lambda c: abs((c - published).days))


def candidates(text, published):
    """(words, resolved date or None, problem or None, has_year) for each date in ``text``."""
    tense = _tense(text)
    taken = []

    def free(match):
        span = match.span()
        if any(span[0] < end and start < span[1] for start, end in taken):
            return False
        taken.append(span)
        return True

    for pattern in (MONTH_DAY, DAY_MONTH):
        for match in pattern.finditer(text):
            if not free(match):
                continue
            month = MONTHS[match["month"].lower().rstrip(".")]
            day = int(match["day"])
            words = match.group(0)
            year = match["year"]
            if not year:
                shared = RANGE_YEAR.match(text, match.end())
                year = shared["year"] if shared else None
            if year:
                try:
                    yield words, date(int(year), month, day), None, True
                except ValueError:
                    yield words, None, "impossible", True
                continue
            if day > calendar.monthrange(2024, month)[1]:  # 2024: 29 February exists
                yield words, None, "impossible", False
                continue
            yield words, resolve_day_month(day, month, published, tense), None, False
    for match in NUMERIC.finditer(text):
        if not free(match):
            continue
        a, b = int(match["a"]), int(match["b"])
        if a <= 12 and b <= 12 and a != b:
            yield match.group(0), None, "ambiguous", True
    dates = list(taken)  # the spans of the dates found so far, weekdays not among them
    for match in WEEKDAY.finditer(text):
        if _names_a_date(text, match, dates) or not free(match):
            continue
        if re.search(
            r"\b(?:a|every|each|any|its|their|his|her|our|the)\s*$",
            text[: match.start()],
            re.IGNORECASE,
        ):
            continue  # "on a Sunday", "every Friday", "its Saturday hours": no particular day
        if not match["which"] and KIND_OF_DAY.match(text, match.end()):
            continue  # "Sunday opening", "Monday to Saturday daytime": a kind of day
        weekday = WEEKDAYS[match["weekday"].lower()]
        which = (match["which"] or "").lower()
        offset = (weekday - published.weekday()) % 7
        if offset == 0 and which not in ("next", "last"):
            # "said on Tuesday" or "will vote on Tuesday" in a story published on a
            # Tuesday: that day, in any tense.
            yield match.group(0).strip(), published, None, False
        elif which == "last" or (which != "next" and tense == "past"):
            back = (published.weekday() - weekday) % 7 or 7
            yield match.group(0).strip(), published - timedelta(days=back), None, False
        else:
            ahead = offset or 7
            yield match.group(0).strip(), published + timedelta(days=ahead), None, False
    # Every relative phrase has one of these words; most sentences have none of them.
    words = set(re.findall(r"[a-z]+", text.lower()))
    relative = RELATIVE.finditer(text) if words & RELATIVE_WORDS else ()
    for match in relative:
        if not free(match):
            continue
        phrase = " ".join(match["phrase"].lower().split())
        if phrase == "today" and TODAYS_MONEY.match(text, match.end()):
            continue  # "at today's prices": money's value now, not a day
        if match["ahead"] and (
            (tense == "past" and not PRESENT.search(text)) or SPAN.search(text[: match.start()])
        ):
            continue  # "built in two years", "the first loss in three years": how long
        if match["back"] and re.search(r"\b(?:from|than|with|since)\s+$", text[: match.start()]):
            continue  # "up 4 per cent from a year ago": a comparison, not a day
        count = match["ahead"] or match["back"]
        yield match.group(0), _relative(phrase, published, count), None, False
    for match in NAMED_MONTH.finditer(text) if words & {"next", "last"} else ():
        if free(match):
            phrase = " ".join(match["phrase"].lower().split())
            yield match.group(0), _relative(phrase, published), None, False


def _names_a_date(text, match, dates):
    """A weekday written beside a date ("Friday, 4 December 2026"): part of that date."""
    after = re.match(r",?\s+", text[match.end() :])
    start = match.end() + (after.end() if after else 0)
    before = re.search(r",?\s+$", text[: match.start()])
    end = match.start() - (len(before.group(0)) if before else 0)
    return any(s == start or e == end for s, e in dates)


def _relative(phrase, published, count=None):
    days = {
        "today": 0,
        "tonight": 0,
        "tomorrow": 1,
        "yesterday": -1,
        "last night": -1,
        "last evening": -1,
    }
    if phrase in days:
        return published + timedelta(days=days[phrase])
    if phrase.startswith("this ") and phrase.split()[-1] in ("morning", "afternoon", "evening"):
        return published
    if count is not None:
        return _counted(phrase, published, count)
    if " the end of " in phrase:
        return _end_of(phrase, published)
    if " the start of " in phrase or " the beginning of " in phrase:
        return _start_of(phrase, published)
    if phrase.endswith("quarter"):
        return _quarter(phrase.split()[0], published)
    unit = phrase.split()[-1]
    if unit in MONTHS:
        return _named_month(MONTHS[unit], phrase.split()[0], published)
    if unit in SEASONS:
        return _season(unit, phrase.split()[0], published)
    ahead = phrase.startswith("next") or phrase.endswith("new year")
    step = -1 if phrase.startswith("last") else 1 if ahead else 0
    if unit in ("week", "weekend"):
        monday = published - timedelta(days=published.weekday()) + timedelta(weeks=step)
        return (monday, monday + timedelta(days=6))
    if unit == "month":
        month = published.month + step
        year = published.year + (month - 1) // 12
        month = (month - 1) % 12 + 1
        return (date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]))
    return (date(published.year + step, 1, 1), date(published.year + step, 12, 31))


# The months of each season, as the northern hemisphere has them (winter runs into the
# next year).
SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}


def _season(season, which, published):
    """ "last summer", "next spring": the season's three months, the nearest one meant."""
    first = SEASONS[season]
    year = published.year
    if first == 12 and published.month < 3:
        year -= 1  # in February "this winter" began last December
    start = date(year, first, 1)
    if which == "next" and start <= published:
        start = date(year + 1, first, 1)
    elif which == "last" and start + timedelta(days=92) > published:
        start = date(year - 1, first, 1)  # still in it: "last" is the one before
    end_month = (first + 1) % 12 + 1
    end_year = start.year + (1 if end_month < first else 0)
    return (start, date(end_year, end_month, calendar.monthrange(end_year, end_month)[1]))


def _start_of(phrase, published):
    """ "at the start of the year": the period's first day."""
    last = _end_of(phrase, published)
    if phrase.endswith("week"):
        return last - timedelta(days=6)
    return last.replace(day=1) if phrase.endswith("month") else last.replace(month=1, day=1)


def _quarter(which, published):
    """ "last quarter", "this quarter": the calendar quarter's three months."""
    index = (published.month - 1) // 3 + {"last": -1, "next": 1}.get(which, 0)
    year, index = published.year + index // 4, index % 4
    start = date(year, index * 3 + 1, 1)
    end_month = index * 3 + 3
    return (start, date(year, end_month, calendar.monthrange(year, end_month)[1]))


def _named_month(month, which, published):
    """ "next June", "last March": the nearest such month after, or before, publication."""
    year = published.year
    if which == "next" and month <= published.month:
        year += 1
    elif which == "last" and month >= published.month:
        year -= 1
    return (date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]))


def _counted(phrase, published, count):
    """ "in two weeks", "three days ago": the day that many units from publication."""
    count = " ".join(count.lower().split())
    number = int(count) if count.isdigit() else NUMBERS.get(count, 2)  # "a couple of"
    unit = re.search(r"(day|fortnight|week|month|year)", phrase).group(1)
    sign = -1 if phrase.endswith("ago") else 1
    if unit in ("day", "week", "fortnight"):
        length = {"day": 1, "week": 7, "fortnight": 14}[unit]
        return published + timedelta(days=sign * number * length)
    months = sign * number * (12 if unit == "year" else 1)
    month = published.month - 1 + months
    year, month = published.year + month // 12, month % 12 + 1
    return date(year, month, min(published.day, calendar.monthrange(year, month)[1]))


def _end_of(phrase, published):
    """ "by the end of the year": the period's last day."""
    unit = phrase.split()[-1]
    step = 1 if " next " in phrase else 0
    if unit == "week":
        return published - timedelta(days=published.weekday()) + timedelta(days=6, weeks=step)
    if unit == "month":
        month = published.month - 1 + step
        year, month = published.year + month // 12, month % 12 + 1
        return date(year, month, calendar.monthrange(year, month)[1])
    return date(published.year + step, 12, 31)


def _shown(resolved):
    if isinstance(resolved, tuple):
        start, end = resolved
        if start.month == 1 and start.day == 1 and end.month == 12 and end.day == 31:
            return str(start.year)
        if start.day == 1 and end.day == calendar.monthrange(end.year, end.month)[1]:
            return start.strftime("%B %Y")
        return f"{start.day} {start.strftime('%B')} to {_long(end)}"
    return _long(resolved)


def _iso(resolved):
    if isinstance(resolved, tuple):
        return f"{resolved[0].isoformat()}/{resolved[1].isoformat()}"
    return resolved.isoformat()


@check("dates.relative", level=WARNING)
def relative_dates(story):
    published = published_date(story)
    for sentence in story.sentences:
        text = writers_voice(sentence) if sentence.field == "body" else sentence.text
        future = _tense(sentence.text) == "future"
        for words, resolved, problem, has_year in candidates(text, published):
            where = {
                "field": sentence.field,
                "block": sentence.block,
                "sentence": sentence,
                "words": words,
            }
            if problem == "impossible":
                yield Found(
                    f"“{words}” is not a date that exists.", "Check the day and the month.", **where
                )
                continue
            if problem == "ambiguous":
                yield Found(
                    f"“{words}” could mean more than one day.",
                    "Write the date in full, with the month's name (e.g. 4 December 2025).",
                    **where,
                )
                continue
            if resolved is None:
                continue
            last = resolved[1] if isinstance(resolved, tuple) else resolved
            if future and last < published:
                yield Found(
                    f"“{words}” ({_shown(resolved)}) is already past on the publication date "
                    f"({_long(published)}), but the sentence speaks of it as to come.",
                    "Update the tense or the date.",
                    extra={"resolved": _iso(resolved)},
                    **where,
                )
            elif not has_year:
                yield Found(
                    f"“{words}” means {_shown(resolved)} (read against {_long(published)}).",
                    "Readers who come to the story later cannot place it: give the full date.",
                    extra={"resolved": _iso(resolved)},
                    **where,
                )
