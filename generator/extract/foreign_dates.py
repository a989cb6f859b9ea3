"""Date tagger for French, German and Spanish news text, backed by dateparser.

``find_dates(text, dct, language)`` returns the same :class:`DateMention`
records as the English tagger in :mod:`.dates`, so events and everything
downstream work unchanged.

Why not hand the text to ``dateparser.search.search_dates``?  It is slow on a
whole article and noisy: it tags bare numbers, amounts, times and common
words as dates, and gives every date a day even when the text names only a
month or a year.  So the work is split:

1. Small per-language regular expressions (the :data:`LANGUAGES` table) find
   *candidate* expressions: day dates ("13 novembre 2015", "am 13. November",
   "el 13 de noviembre de 2015"), months, years after a word that makes them
   years ("en 2015", "seit 2015"), weekdays ("lundi dernier"), the days around
   the publication date ("hier", "gestern", "ayer"), periods ("la semaine
   dernière", "letztes Jahr"), counts back or ahead ("il y a trois jours",
   "vor zwei Jahren", "hace tres días"), seasons and weekends ("l'été
   dernier", "am Wochenende").  Anything else is never a date here.
2. Each candidate is rewritten, where needed, into a phrase dateparser reads
   reliably in that language ("vergangene Woche" becomes "vor 1 Wochen"), and
   ``dateparser.parse`` normalises it against the publication date; results
   are memoised, as the same phrases recur across a site.  Seasons and
   weekends, which dateparser does not know, are plain arithmetic (a
   season's year is chosen as the English tagger chooses it).
3. The TimeML value is cut to the precision of the words: a month stays a
   month ("en mars 2015" -> ``2015-03``), a year a year, a week a week.

A weekday, or a month or day written without a year, is placed the way a
reader places it: by its own words ("novembre dernier", "Oktober vergangenen
Jahres", "el próximo lunes"), the year written earlier in the same sentence,
the weekday named with it ("jeudi 8 octobre" is in the year where 8 October
is a Thursday), else the direction its clause gives (a past or future verb
form near it), else the nearest such date (a weekday at most two days
ahead, as news mostly looks back).  The article's own weekday or month is
the publication date's.

Span conventions follow the English tagger: prepositions and articles in
front of a date are left out ("le 13 novembre" -> "13 novembre", "am Montag"
-> "Montag"); a determiner that is part of the phrase stays ("la semaine
dernière").  dateparser is imported on first use only.
"""
from __future__ import annotations

import bisect
import datetime
import functools
import re
from dataclasses import dataclass, replace
from typing import Optional

from . import date_rules as R
from .dates import DateMention

__all__ = ['LANGUAGES', 'find_dates', 'language_code', 'supported']

# Precision of a candidate's value, finest first.
DAY, WEEK, MONTH, YEAR = 'day', 'week', 'month', 'year'


@dataclass(frozen=True)
class Language:
    """The words of one language that this tagger knows.

    Every pattern is a regular expression fragment, matched case-insensitively
    unless said otherwise.  ``months`` and ``weekdays`` are in calendar order
    (weekdays from Monday) and only serve to *find* candidates: dateparser
    reads them.
    """
    code: str
    months: tuple[str, ...]
    weekdays: tuple[str, ...]
    day: str                  # a day of the month, in front of the month name
    day_month: str            # between the day and the month name
    month_year: str           # between the month name and the year
    day_words: tuple[tuple[str, int], ...]   # "hier" -> -1 (longest first)
    units: tuple[tuple[str, str], ...]       # (pattern, precision) of day/week/month/year words
    unit_words: dict                         # precision -> the plural dateparser reads
    numbers: dict                            # number words up to twelve
    ago: str                  # "il y a" ... in front of a count of units
    ahead: str                # "dans" ...
    ago_phrase: str           # how dateparser is asked for a count back, {n} {unit}
    ahead_phrase: str
    periods: tuple[tuple[str, str, int], ...]   # (pattern, precision, offset): "la semaine dernière"
    weekday_before: tuple[tuple[str, str], ...]  # words before a weekday: (pattern, 'past'|'future')
    weekday_after: tuple[tuple[str, str], ...]   # words after it
    weekday_tail: str         # what may be glued to a weekday ("Montagabend")
    weekday_lead: tuple[tuple[str, str], ...]   # prepositions that point a weekday: "dès lundi", "seit Montag"
    and_year: str             # between the two years of a range: "entre 2010 et 2014"
    month_tail: str           # after a month (or a day) with no year: groups past/future/yprev/ynext
    year_cues: str            # words after which a four-digit number is a year
    mods: tuple[tuple[str, str], ...]        # ("début", "START") ...
    past: str                 # clause words that place a date before the DCT
    future: str               # ... and after it
    seasons: tuple[str, str, str, str]   # spring, summer, autumn, winter
    weekend: str
    this: str                 # "ce", "diesen", "este" before a season or weekend
    season_preps: str         # words after which a bare season or weekend is a date
    lower_weekdays: bool      # weekday names are lower case (a capital mid-sentence is a name)
    lower_only: tuple[str, ...] = ()         # day words that are only dates in lower case


_APOS = "['’]"

FR = Language(
    code='fr',
    months=('janvier|janv\\.', 'février|fevrier|févr\\.', 'mars', 'avril|avr\\.', 'mai', 'juin',
            'juillet|juil\\.', 'août|aout', 'septembre|sept\\.', 'octobre|oct\\.',
            'novembre|nov\\.', 'décembre|decembre|déc\\.'),
    weekdays=('lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'),
    day=r'(?:1er|[12]\d|3[01]|0?[1-9])',
    day_month=r'\s+',
    month_year=r'\s+',
    day_words=(('avant-hier', -2), ('après-demain', 2), (f'aujourd{_APOS}hui', 0), ('hier', -1),
               ('demain', 1)),
    units=((r'jours?|journées?', DAY), (r'semaines?', WEEK), (r'mois', MONTH), (r'ans|années?|an', YEAR)),
    unit_words={DAY: 'jours', WEEK: 'semaines', MONTH: 'mois', YEAR: 'ans'},
    numbers={'un': 1, 'une': 1, 'deux': 2, 'trois': 3, 'quatre': 4, 'cinq': 5, 'six': 6, 'sept': 7,
             'huit': 8, 'neuf': 9, 'dix': 10, 'onze': 11, 'douze': 12, 'quinze': 15, 'vingt': 20},
    ago=r'il\s+y\s+a', ahead=r'dans',
    ago_phrase='il y a {n} {unit}', ahead_phrase='dans {n} {unit}',
    periods=((r'la\s+semaine\s+(?:dernière|passée)', WEEK, -1), (r'la\s+semaine\s+prochaine', WEEK, 1),
             (r'cette\s+semaine', WEEK, 0),
             (r'le\s+mois\s+(?:dernier|passé)', MONTH, -1), (r'le\s+mois\s+prochain', MONTH, 1),
             (r'ce\s+mois(?:-ci)?', MONTH, 0),
             (rf"l{_APOS}(?:année|an)\s+(?:dernière|dernier|passée|passé)", YEAR, -1),
             (rf"l{_APOS}(?:année|an)\s+(?:prochaine|prochain)", YEAR, 1),
             (r'cette\s+année', YEAR, 0)),
    weekday_before=(),
    weekday_after=((r'dernier', 'past'), (r'passé', 'past'), (r'prochain', 'future')),
    weekday_tail='',
    weekday_lead=((r'dès|à\s+partir\s+de|d{a}ici'.format(a=_APOS), 'future'), (r'depuis', 'past')),
    and_year=r'et|à|au',
    seasons=('printemps', 'été', 'automne', 'hiver'),
    weekend=r'week-end|weekend',
    this=r'ce|cet|cette',
    season_preps=r'en|au|durant\s+l{a}|pendant\s+l{a}|depuis\s+l{a}'.format(a=_APOS),
    month_tail=(r"\s+(?:(?P<past>dernier|passé)|(?P<future>prochain)"
                r"|de\s+l{a}année\s+(?:(?P<yprev>dernière|passée)|(?P<ynext>prochaine)))(?![\w-])").format(a=_APOS),
    year_cues=(r"(?:\ben|\bdepuis|\bdès|\bjusqu{a}en|\bcourant|\bannée|\bl{a}an|\bentre|\bavant|\baprès"
               r"|\bdébut|\bfin|\bmi-|\bd{a}ici(?:\s+à)?|\bpour)").format(a=_APOS),
    mods=((r'début', 'START'), (r'mi-', 'MID'), (r'fin', 'END')),
    past=(r"\b(?:a|ont|avait|avaient|était|étaient|fut|furent|s{a}est|se\s+sont|dernier|dernière"
          r"|mort|morte|morts|né|née|décédée?|tuée?s?|assassinée?|élue?|fondée?|disparue?"
          r"|\w{{2,}}[^\Wr](?:ait|aient))\b".format(a=_APOS)),   # the imperfect ("démissionnait"), not "-rait"
    future=(r"\b(?:sera|seront|aura|auront|va|vont|devrait|devraient|doit|doivent|prévue?s?|prochaine?s?"
            r"|fera|feront|pourra|pourront|devra|devront|\w{2,}(?:era|eront|ira|iront|dra|dront|rait|raient))\b"),   # the future, and the conditional ("pourrait")
    lower_weekdays=True,
)

DE = Language(
    code='de',
    months=('Januar|Jänner|Jan\\.', 'Februar|Feb\\.', 'März|Maerz', 'April|Apr\\.', 'Mai', 'Juni', 'Juli',
            'August|Aug\\.', 'September|Sept?\\.', 'Oktober|Okt\\.', 'November|Nov\\.',
            'Dezember|Dez\\.'),
    weekdays=('Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag', 'Samstag|Sonnabend', 'Sonntag'),
    day=r'(?:[12]\d|3[01]|0?[1-9])\.',
    day_month=r'\s*',
    month_year=r'\s+',
    day_words=(('vorgestern', -2), ('übermorgen', 2), ('heute', 0), ('gestern', -1), ('morgen', 1)),
    units=((r'Tagen|Tage?', DAY), (r'Wochen?', WEEK), (r'Monaten?|Monate?', MONTH), (r'Jahren?|Jahre?', YEAR)),
    unit_words={DAY: 'Tagen', WEEK: 'Wochen', MONTH: 'Monaten', YEAR: 'Jahren'},
    numbers={'einem': 1, 'einer': 1, 'ein': 1, 'zwei': 2, 'drei': 3, 'vier': 4, 'fünf': 5, 'sechs': 6,
             'sieben': 7, 'acht': 8, 'neun': 9, 'zehn': 10, 'elf': 11, 'zwölf': 12, 'zwanzig': 20},
    ago=r'vor', ahead=r'in',
    ago_phrase='vor {n} {unit}', ahead_phrase='in {n} {unit}',
    periods=((r'(?:letzte|vergangene|vorige)n?\s+Woche', WEEK, -1), (r'(?:nächste|kommende)n?\s+Woche', WEEK, 1),
             (r'diese(?:r|n)?\s+Woche', WEEK, 0),
             (r'(?:letzte|vergangene|vorige)n\s+Monat', MONTH, -1), (r'(?:nächste|kommende)n\s+Monat', MONTH, 1),
             (r'diese[nm]\s+Monat', MONTH, 0),
             (r'(?:letzte|vergangene|vorige)[sn]\s+Jahr', YEAR, -1),
             (r'(?:nächste|kommende)[sn]\s+Jahr', YEAR, 1),
             (r'diese[sm]\s+Jahr', YEAR, 0), (r'Vorjahr', YEAR, -1)),
    weekday_before=((r'(?:letzte|vergangene|vorige)n', 'past'), (r'(?:nächste|kommende)n', 'future')),
    weekday_after=(),
    weekday_tail=r'(?:abend|morgen|nachmittag|vormittag|mittag|nacht|früh)?',
    weekday_lead=((r'ab|bis', 'future'), (r'seit', 'past')),
    and_year=r'und|bis',
    seasons=('Frühling|Frühjahr', 'Sommer', 'Herbst', 'Winter'),
    weekend=r'Wochenende',
    this=r'diese[nms]?',
    season_preps=r'im|am|seit\s+dem',
    month_tail=(r'\s+(?:des\s+)?(?:(?P<yprev>vergangenen|letzten|vorigen)|(?P<ynext>nächsten|kommenden))'
                r'\s+Jahres\b'),
    year_cues=r'(?:\bin|\bim\s+Jahre?|\bseit|\bbis|\bab|\bAnfang|\bEnde|\bMitte|\bzwischen|\bvon|\bfür)',
    mods=((r'Anfang', 'START'), (r'Mitte', 'MID'), (r'Ende', 'END')),
    # Auxiliaries, participles, and the simple past of verbs common in news
    # (German news tells the past in it: "gingen", "trat", "erklärte").
    past=(r'\b(?:hat|haben|hatte|hatten|war|waren|wurde|wurden|letzte[nrs]?|vergangene[nrs]?'
          r'|(?:sag|erklär|teil|meld|stimm|leg|mach|kündig|forder|führ|stell|setz|zeig|spiel|leb|kost|start'
          r'|wähl|brauch|hör|folg|droh|plan|such|zahl)te[n]?'
          r'|ging|gingen|kam|kamen|trat|traten|fand|fanden|begann|begannen|gab|gaben|nahm|nahmen|fiel|fielen'
          r'|stand|standen|starb|starben|schloss|schlossen|sprach|sprachen|rief|riefen|lag|lagen|blieb|blieben'
          r'|zog|zogen|stieg|stiegen|sank|sanken|brach|brachen|hielt|hielten|ließ|ließen|sah|sahen|flog|flogen'
          r'|ge[a-zäöüß]{3,}(?:t|en))\b'),
    future=(r'\b(?:wird|werden|soll|sollen|will|wollen|plant|planen|geplant|nächste[nrs]?|kommende[nrs]?'
            r'|findet|angesetzt|würde|würden|könnte|könnten)\b'),   # "findet am Sonntag statt": a fixture ahead
    lower_weekdays=False,
    lower_only=('morgen',),   # "Morgen" is the morning; "morgen" tomorrow
)

ES = Language(
    code='es',
    months=('enero|ene\\.', 'febrero|feb\\.', 'marzo|mar\\.', 'abril|abr\\.', 'mayo', 'junio', 'julio',
            'agosto|ago\\.', 'septiembre|setiembre|sept?\\.', 'octubre|oct\\.', 'noviembre|nov\\.',
            'diciembre|dic\\.'),
    weekdays=('lunes', 'martes', 'miércoles|miercoles', 'jueves', 'viernes', 'sábado|sabado', 'domingo'),
    day=r'(?:[12]\d|3[01]|0?[1-9])',
    day_month=r'\s+de\s+',
    month_year=r'\s+(?:de|del)\s+',
    day_words=(('pasado\\s+mañana', 2), ('anteayer|antier', -2), ('hoy', 0), ('ayer', -1), ('mañana', 1)),
    units=((r'días?|dias?', DAY), (r'semanas?', WEEK), (r'mes(?:es)?', MONTH), (r'años?', YEAR)),
    unit_words={DAY: 'días', WEEK: 'semanas', MONTH: 'meses', YEAR: 'años'},
    numbers={'un': 1, 'una': 1, 'dos': 2, 'tres': 3, 'cuatro': 4, 'cinco': 5, 'seis': 6, 'siete': 7,
             'ocho': 8, 'nueve': 9, 'diez': 10, 'once': 11, 'doce': 12, 'quince': 15, 'veinte': 20},
    ago=r'hace', ahead=r'dentro\s+de',
    ago_phrase='hace {n} {unit}', ahead_phrase='dentro de {n} {unit}',
    periods=((r'la\s+semana\s+pasada', WEEK, -1),
             (r'la\s+(?:próxima\s+semana|semana\s+(?:próxima|que\s+viene))', WEEK, 1),
             (r'esta\s+semana', WEEK, 0),
             (r'el\s+mes\s+pasado', MONTH, -1),
             (r'el\s+(?:próximo\s+mes|mes\s+(?:próximo|que\s+viene))', MONTH, 1), (r'este\s+mes', MONTH, 0),
             (r'el\s+año\s+pasado', YEAR, -1),
             (r'el\s+(?:próximo\s+año|año\s+(?:próximo|que\s+viene))', YEAR, 1), (r'este\s+año', YEAR, 0)),
    weekday_before=((r'próximo', 'future'), (r'pasado', 'past')),
    weekday_after=((r'pasado', 'past'), (r'próximo', 'future')),
    weekday_tail='',
    weekday_lead=((r'a\s+partir\s+del?|hasta\s+el|el\s+próximo', 'future'), (r'desde\s+el|el\s+pasado', 'past')),
    and_year=r'y|a|hasta',
    seasons=('primavera', 'verano', 'otoño', 'invierno'),
    weekend=r'fin\s+de\s+semana',
    this=r'este|esta',
    season_preps=r'en|en\s+el|en\s+la|durante\s+el|durante\s+la',
    month_tail=(r'\s+(?:(?P<past>pasado)|(?P<future>próximo)'
                r'|del\s+año\s+(?:(?P<yprev>pasado)|(?P<ynext>próximo|que\s+viene)))(?![\w-])'),
    year_cues=(r'(?:\ben|\bdesde|\bhasta|\baño|\bentre|\bprincipios\s+de|\bfinales\s+de|\bmediados\s+de'
               r'|\bfines\s+de|\bantes\s+de|\bdespués\s+de|\bpara)'),
    mods=((r'principios\s+de', 'START'), (r'mediados\s+de', 'MID'), (r'(?:finales|fines)\s+de', 'END')),
    past=(r'\b(?:fue|fueron|ha|han|había|habían|era|eran|pasad[oa]|\w{3,}(?:ó|aron|ieron|aba|aban))\b'),
    future=r'\b(?:será|serán|va\s+a|van\s+a|habrá|prevé|previst[oa]s?|próxim[oa]s?|\w{3,}(?:rá|rán|ría|rían))\b',
    lower_weekdays=True,
    lower_only=('mañana',),
)

LANGUAGES = {lang.code: lang for lang in (FR, DE, ES)}


def language_code(tag: str) -> str:
    """The primary language of a tag, lower case: "fr-CA" -> "fr", "de_AT" -> "de"."""
    return re.split(r'[-_]', tag.strip(), maxsplit=1)[0].lower()


def supported(tag: str) -> bool:
    """True when this module tags dates in the language of ``tag``."""
    return language_code(tag) in LANGUAGES


# ------------------------------------------------------------ patterns ----
@dataclass(frozen=True)
class _Patterns:
    """The compiled expressions of one language."""
    day_date: re.Pattern      # [weekday] day month [year]
    numeric: re.Pattern       # 13/11/2015, 13.11.2015
    month_year: re.Pattern    # month year
    month: re.Pattern         # month alone
    year: re.Pattern          # cue + year
    and_year: re.Pattern      # the second year of a range, right after the first
    month_tail: re.Pattern    # "novembre dernier", "Oktober vergangenen Jahres"
    weekday: re.Pattern
    day_word: re.Pattern
    count: re.Pattern         # il y a / dans + number + unit
    season: re.Pattern        # a season or the weekend
    periods: tuple[tuple[re.Pattern, str, int], ...]
    mod: re.Pattern           # a modifier right before a candidate
    past: re.Pattern
    future: re.Pattern


_YEAR = r'(?P<year>1[5-9]\d\d|20\d\d)'
# What may not follow a year: more digits, a unit of money or a percentage,
# or a noun that makes it a count ("bis 2000 Menschen", "in 1800 Metern").
_AFTER_YEAR = (r'(?![\d,.]\d|\s*(?:%|€|\$|£|euros?\b|dollars?\b|pesos?\b|francs?\b|Euro\b)'
               r'|\s+(?:personnes|habitants|morts|victimes|salariés|emplois|Menschen|Personen|Einwohner'
               r'|Tote|Toten|Opfer|Mitarbeiter|Stellen|personas|habitantes|muertos|víctimas|empleos'
               r'|trabajadores|k?m|Meter|Metern|mètres|metros|Kilometer|kilomètres|kilómetros|tonnes|Tonnen'
               r'|toneladas|exemplaires|Exemplare|ejemplares)\b)')


def _alt(names) -> str:
    return '|'.join(f'(?:{n})' for n in names)


@functools.lru_cache(maxsize=None)
def _patterns(code: str) -> _Patterns:
    lang = LANGUAGES[code]
    months = _alt(lang.months)
    weekdays = _alt(lang.weekdays)
    wd = rf'(?P<wd>(?:{weekdays}){lang.weekday_tail})'
    year_tail = rf'(?:{lang.month_year}{_YEAR}{_AFTER_YEAR})?'
    units = _alt(u for u, _ in lang.units)
    numbers = '|'.join(sorted(lang.numbers, key=len, reverse=True))
    f = re.IGNORECASE
    return _Patterns(
        day_date=re.compile(
            rf'(?:{wd},?\s+(?:(?:den|dem|le|el)\s+)?)?(?<![\d.,])(?P<day>{lang.day}){lang.day_month}(?P<month>{months})(?!\w){year_tail}', f),
        numeric=re.compile(r'(?<![\d./])(?:[12]\d|3[01]|0?[1-9])([./])(?:1[0-2]|0?[1-9])\1(?:19|20)\d\d(?![\d./]\d)'),
        month_year=re.compile(rf'(?<![\w.])(?P<month>{months}){lang.month_year}{_YEAR}{_AFTER_YEAR}\b', f),
        month=re.compile(rf'(?<![\w.])(?P<month>{months})(?![\w-])', f),
        year=re.compile(rf'{lang.year_cues}(?:\s+|(?<=-))(?:el\s+|del\s+)?{_YEAR}{_AFTER_YEAR}(?!\w)', f),
        month_tail=re.compile(lang.month_tail, f),
        and_year=re.compile(rf'\s*(?:[-–]|\s(?:{lang.and_year}))\s*{_YEAR}{_AFTER_YEAR}(?!\w)', f),
        weekday=re.compile(rf'(?<![\w-]){wd}(?![\w-])', f),
        day_word=re.compile(rf"(?<![\w-])(?:{_alt(w for w, _ in lang.day_words)})(?![\w-])", f),
        season=re.compile(rf'(?<![\w-])(?:(?P<SP>{lang.seasons[0]})|(?P<SU>{lang.seasons[1]})'
                          rf'|(?P<FA>{lang.seasons[2]})|(?P<WI>{lang.seasons[3]})|(?P<WE>{lang.weekend}))(?![\w-])', f),
        count=re.compile(rf'(?<![\w-])(?P<dir>{lang.ago}|{lang.ahead})\s+(?P<n>\d{{1,3}}|{numbers})\s+'
                         rf'(?P<unit>{units})\b', f),
        periods=tuple((re.compile(rf'(?<![\w-]){p}(?![\w-])', f), prec, off) for p, prec, off in lang.periods),
        mod=re.compile(rf'(?<![\w-])(?:{_alt(m for m, _ in lang.mods)})\s*$', f),
        past=re.compile(lang.past, f),
        future=re.compile(lang.future, f),
    )


# ------------------------------------------------------------- parsing ----
@functools.lru_cache(maxsize=1 << 14)
def _parse(phrase: str, code: str, base: datetime.date, prefer: str) -> Optional[datetime.date]:
    """dateparser's reading of one short phrase, or None; memoised."""
    import dateparser  # only articles in these languages pay for loading it

    settings = {'RELATIVE_BASE': datetime.datetime(base.year, base.month, base.day),
                'PREFER_DATES_FROM': prefer, 'PREFER_DAY_OF_MONTH': 'first',
                'DATE_ORDER': 'DMY', 'RETURN_AS_TIMEZONE_AWARE': False}
    try:
        parsed = dateparser.parse(phrase, languages=[code], settings=settings)
    except Exception:  # noqa: BLE001 - an odd phrase is simply not a date
        return None
    return parsed.date() if parsed else None


def _value(d: datetime.date, precision: str) -> str:
    if precision == YEAR:
        return f'{d.year:04d}'
    if precision == MONTH:
        return f'{d.year:04d}-{d.month:02d}'
    if precision == WEEK:
        year, week, _ = d.isocalendar()
        return f'{year:04d}-W{week:02d}'
    return d.isoformat()


# ---------------------------------------------------------- candidates ----
@dataclass(frozen=True)
class _Cand:
    """A span proposed by a pattern, with what dateparser must read and how."""
    start: int
    end: int
    phrase: str               # what dateparser reads (for a season, its code: 'SU', 'WE', '2014-SP')
    precision: str
    kind: str                 # 'fixed' (complete), 'yearless' (day or month), 'weekday', 'relative', 'season'
    direction: Optional[str] = None   # 'past' / 'future' (for a season: 'last', 'next', 'this', 'year')
    mod: Optional[str] = None
    year_offset: Optional[int] = None   # "de l'année dernière": the DCT's year minus one
    weekday: Optional[int] = None       # the weekday named with a day and month (0 = Monday)


def _sentence(text: str, pos: int) -> tuple[int, int]:
    """The bounds of the sentence around pos."""
    start = 0
    for m in _SENTENCE_END.finditer(text, max(0, pos - 400), pos):
        start = m.end()
    m = _SENTENCE_END.search(text, pos)
    return start, m.start() + 1 if m else len(text)


# A full stop after a one- or two-digit number is the German ordinal ("13.
# November"); after a year it ends the sentence.
_SENTENCE_END = re.compile(r'(?<!\b\d)(?<!\b\d\d)[.!?]+["»”)]*\s+|\n\s*\n')


# Two digits right after a month: a year this tagger does not read ("mai 68").
_SHORT_YEAR = re.compile(r"\s*['’]?\d\d(?![\d:h]|[.,]\d)")


def _is_lower(word: str) -> bool:
    return word[:1].islower()


def _candidates(text: str, lang: Language, p: _Patterns) -> list[_Cand]:
    """Every span a pattern proposes, overlapping ones included (``_select`` chooses)."""
    out: list[_Cand] = []
    for m in p.day_date.finditer(text):
        day = m.group('day').rstrip('.').replace('er', '')
        month = m.group('month')
        if lang.lower_weekdays and m.group('wd') and not _is_lower(m.group('wd')) \
                and not _sentence_initial(text, m.start()):
            start = m.start('day')     # "Vendredi 13 novembre" mid-sentence: a title, keep the date only
        else:
            start = m.start()
        if lang.code == 'fr' and month.lower() == 'mars' and month[0] == 'M' and not m.group('year'):
            continue   # "13 Mars": the planet or a name more often than the month
        if not m.group('year') and _SHORT_YEAR.match(text, m.end()):
            continue   # "13 mai 68": a year this tagger does not read, so no guess either
        if m.group('year'):
            out.append(_Cand(start, m.end(), f'{day} {month} {m.group("year")}', DAY, 'fixed'))
        else:
            c = _yearless(text, start, m.end(), f'{day} {month}', DAY, lang, p)
            if m.group('wd'):   # "jeudi 8 octobre": the weekday tells the year
                c = replace(c, weekday=_weekday_index(m.group('wd'), lang))
            out.append(c)
    for m in p.numeric.finditer(text):
        out.append(_Cand(m.start(), m.end(), m.group().replace('.', '/'), DAY, 'fixed'))
    for m in p.month_year.finditer(text):
        out.append(_Cand(m.start(), m.end(), f'{m.group("month")} {m.group("year")}', MONTH, 'fixed'))
    for m in p.month.finditer(text):
        if not m.group('month').endswith('.') and not _SHORT_YEAR.match(text, m.end()) \
                and _month_word_ok(text, m, lang, p):
            out.append(_yearless(text, m.start(), m.end(), m.group('month'), MONTH, lang, p))
    for m in p.year.finditer(text):
        out.append(_Cand(m.start('year'), m.end('year'), m.group('year'), YEAR, 'fixed'))
        second = p.and_year.match(text, m.end())   # "entre 2010 et 2014": the end is a year too
        if second:
            out.append(_Cand(second.start('year'), second.end('year'), second.group('year'), YEAR, 'fixed'))
    for m in p.weekday.finditer(text):
        c = _weekday(text, m, lang)
        if c:
            out.append(c)
    for m in p.day_word.finditer(text):
        word = m.group()
        if lang.lower_only and word.lower() in lang.lower_only and not _day_word_ok(text, m, lang):
            continue
        off = _day_offset(word, lang)
        if off is not None:
            out.append(_Cand(m.start(), m.end(), _shift_phrase(lang, off, DAY), DAY, 'relative'))
    for m in p.count.finditer(text):
        n = m.group('n').lower()
        n = int(n) if n.isdigit() else lang.numbers.get(n)
        if not n:
            continue
        unit = next(prec for pat, prec in lang.units if re.fullmatch(pat, m.group('unit'), re.IGNORECASE))
        back = re.fullmatch(lang.ago, m.group('dir'), re.IGNORECASE) is not None
        out.append(_Cand(m.start(), m.end(), _shift_phrase(lang, -n if back else n, unit), unit, 'relative'))
    for m in p.season.finditer(text):
        c = _season(text, m, lang)
        if c:
            out.append(c)
    for rx, precision, off in p.periods:
        for m in rx.finditer(text):
            out.append(_Cand(m.start(), m.end(), _shift_phrase(lang, off, precision), precision, 'relative'))
    return out


def _yearless(text: str, start: int, end: int, phrase: str, precision: str, lang: Language,
              p: _Patterns) -> _Cand:
    """A day or month written without a year, with the words that place it:
    after it ("novembre dernier", "Oktober vergangenen Jahres", taken into
    the span) or before it ("el pasado 13 de noviembre", "depuis", left out)."""
    direction = year_offset = None
    tail = p.month_tail.match(text, end)
    if tail:
        g = tail.groupdict()
        direction = 'past' if g.get('past') else 'future' if g.get('future') else None
        year_offset = -1 if g.get('yprev') else 1 if g.get('ynext') else None
        end = tail.end()
    if direction is None and year_offset is None:
        direction = _lead_direction(text, start, lang)
    if direction is None and year_offset is None and _PARTICIPLE.get(lang.code) \
            and _PARTICIPLE[lang.code].search(text, max(0, start - 40), start):
        direction = 'past'   # "la loi votée le 24 mars", "la ley aprobada el 24 de marzo"
    return _Cand(start, end, phrase, precision, 'yearless', direction, year_offset=year_offset)


# A past participle right before a date's preposition: the date is when it was done,
# whatever the tense of the main verb ("La loi votée le 24 mars sera appliquée").
_PARTICIPLE = {
    'fr': re.compile(r'\b\w{3,}(?:é|ée|és|ées)\s+(?:le|en|dès)\s+$', re.IGNORECASE),
    'es': re.compile(r'\b\w{3,}(?:ad|id)[oa]s?\s+(?:el|en)\s+$', re.IGNORECASE),
}


def _lead_direction(text: str, start: int, lang: Language) -> Optional[str]:
    """The direction a preposition right before a date gives it ("dès", "seit", "el pasado")."""
    before = text[max(0, start - 30):start]
    for pattern, d in lang.weekday_lead:
        if re.search(rf'(?<![\w-])(?:{pattern})\s+(?:(?:le|el|den|dem)\s+)?$', before, re.IGNORECASE):
            return d
    return None


def _season(text: str, m: re.Match, lang: Language) -> Optional[_Cand]:
    """A season or the weekend, when its words make it one date: a year
    ("printemps 2014"), "this/last/next" ("cet été", "el verano pasado",
    "letzten Winter"), or a preposition ("im Sommer", "au printemps") with
    the clause's direction.  "L'hiver est rude" names no date."""
    word, which = m.lastgroup, m.group()
    if (lang.lower_weekdays and not _is_lower(which) and not _sentence_initial(text, m.start())
            or not lang.lower_weekdays and _is_lower(which)):
        return None
    start, end = m.start(), m.end()
    before = text[max(0, start - 30):start]
    if word != 'WE':
        year = re.match(rf'{lang.month_year}{_YEAR}{_AFTER_YEAR}(?!\w)', text[end:end + 20], re.IGNORECASE)
        if year:
            return _Cand(start, end + year.end(), f'{year.group("year")}-{word}', YEAR, 'season', 'year')
    for pattern, d in lang.weekday_after:          # "l'été dernier", "el verano pasado"
        a = re.match(rf'\s+({pattern})(?![\w-])', text[end:end + 30], re.IGNORECASE)
        if a:
            article = re.search(rf'(?:\b(?:le|la|el)\s+|\bl{_APOS})$', before, re.IGNORECASE)
            start -= len(before) - article.start() if article else 0
            return _Cand(start, end + a.end(1), word, DAY, 'season', 'last' if d == 'past' else 'next')
    for pattern, d in lang.weekday_before:         # "letzten Winter", "el próximo verano"
        b = re.search(rf'(?<![\w-])({pattern})\s+$', before, re.IGNORECASE)
        if b:
            return _Cand(start - (len(before) - b.start(1)), end, word, DAY, 'season',
                         'last' if d == 'past' else 'next')
    this = re.search(rf'(?<![\w-])({lang.this})\s+$', before, re.IGNORECASE)
    if this:
        return _Cand(start - (len(before) - this.start(1)), end, word, DAY, 'season', 'this')
    if re.search(rf'(?<![\w-])(?:{lang.season_preps})\s+(?:l{_APOS}|le\s+|el\s+)?$', before, re.IGNORECASE):
        return _Cand(start, end, word, DAY, 'season', None)
    return None


def _shift_phrase(lang: Language, n: int, unit: str) -> str:
    """A phrase dateparser reads in this language for "n units from the DCT"
    (n = 0 is the DCT itself, whatever the unit)."""
    if n == 0:
        return {'fr': "aujourd'hui", 'de': 'heute', 'es': 'hoy'}[lang.code]
    template = lang.ahead_phrase if n > 0 else lang.ago_phrase
    return template.format(n=abs(n), unit=lang.unit_words[unit])


def _day_offset(word: str, lang: Language) -> Optional[int]:
    w = ' '.join(word.lower().split()).replace('’', "'")
    for pattern, off in lang.day_words:
        if re.fullmatch(pattern, w, re.IGNORECASE):
            return off
    return None


_SENTENCE_OPENER = re.compile(r'(?:^|[.!?:]["»”)]*\s+|\n\s*|[«"“(]\s*)$')


def _sentence_initial(text: str, pos: int) -> bool:
    return pos == 0 or bool(_SENTENCE_OPENER.search(text[max(0, pos - 6):pos]))


def _prev_words(text: str, pos: int, n: int = 2) -> list[str]:
    return re.findall(r"[\w'’-]+", text[max(0, pos - 40):pos])[-n:]


def _month_word_ok(text: str, m: re.Match, lang: Language, p: _Patterns) -> bool:
    """A month name alone is a date after a word that introduces one ("en
    novembre", "im November", "en noviembre", "depuis mars") -- not a name
    ("Mars", "Mai Thi") or a word in a title."""
    word = m.group('month')
    prev = [w.lower() for w in _prev_words(text, m.start())]
    last = prev[-1] if prev else ''
    cues = {'fr': {'en', 'depuis', 'début', 'fin', 'mi', 'courant', 'dès', 'jusqu\'en', 'jusqu’en', 'de',
                   'mois', 'au', 'fin-', 'mi-'},
            'de': {'im', 'seit', 'anfang', 'ende', 'mitte', 'bis', 'ab', 'monat', 'vom', 'zum', 'von'},
            'es': {'en', 'desde', 'hasta', 'de', 'mes', 'principios', 'finales', 'mediados', 'fines'}}[lang.code]
    if text[max(0, m.start() - 3):m.start()].lower().endswith('mi-'):
        return True    # "mi-novembre"
    if text[m.start() - 1:m.start()] == '-':
        return False   # part of a compound name
    if last not in cues and not p.month_tail.match(text, m.end()):
        return False   # "octobre dernier" needs no "en"
    if lang.code == 'de' and last in ('von', 'vom', 'zum') and re.match(r'\s+[A-ZÄÖÜ]', text[m.end():]):
        return False   # "ein Brief von August Müller": a name
    if lang.code in ('fr', 'es') and not _is_lower(word) and not _sentence_initial(text, m.start()):
        return False   # French and Spanish months are lower case: "de Mars", "en Mayo Clinic"
    if lang.code == 'fr' and last == 'de' and (len(prev) < 2 or prev[-2] not in ('mois', 'début', 'fin', 'mi')):
        return False   # "de mars" is too often "la planète de Mars", "un mois de mai"...
    if lang.code == 'es' and last == 'de' and (len(prev) < 2 or prev[-2] not in ('mes', 'principios', 'finales',
                                                                                 'mediados', 'fines')):
        return False
    return True


def _day_word_ok(text: str, m: re.Match, lang: Language) -> bool:
    """"morgen"/"mañana" also name the morning: only the lower-case word
    outside "la/esta/por la mañana", "heute Morgen" is a day."""
    word = m.group()
    if lang.code == 'de':   # a sentence opening "Morgen" is tomorrow ("the morning" takes an article)
        return word == 'morgen' or _sentence_initial(text, m.start())
    if lang.code == 'es':
        prev = [w.lower() for w in _prev_words(text, m.start())]
        if prev and prev[-1] in ('la', 'esta', 'una', 'cada', 'toda', 'misma'):
            return False   # "por la mañana", "esta mañana": the morning
        return _is_lower(word) or _sentence_initial(text, m.start())
    return True


def _weekday(text: str, m: re.Match, lang: Language) -> Optional[_Cand]:
    word = m.group('wd')
    if lang.lower_weekdays and not _is_lower(word) and not _sentence_initial(text, m.start()):
        return None            # "Domingo" mid-sentence is a name
    if not lang.lower_weekdays and _is_lower(word):
        return None            # "montags" and the like are habits, not dates; German capitalises
    prev = [w.lower() for w in _prev_words(text, m.start())]
    if prev and prev[-1] in ('les', 'los', 'todos', 'chaque', 'cada', 'jeden'):
        return None            # "les lundis", "cada lunes": every Monday
    start, end, direction = m.start(), m.end(), None
    before = text[max(0, start - 30):start]
    for pattern, d in lang.weekday_before:
        b = re.search(rf'(?<![\w-])({pattern})\s+$', before, re.IGNORECASE)
        if b:
            start, direction = start - (len(before) - b.start(1)), d
    if direction is None:
        direction = _lead_direction(text, start, lang)   # "dès lundi": the preposition stays out of the span
    after = text[end:end + 30]
    for pattern, d in lang.weekday_after:
        a = re.match(rf'\s+({pattern})(?![\w-])', after, re.IGNORECASE)
        if a:
            end, direction = end + a.end(1), d
    day = _weekday_index(word, lang)
    return _Cand(start, end, lang.weekdays[day].split('|')[0], DAY, 'weekday', direction)


def _weekday_index(word: str, lang: Language) -> int:
    """0 for Monday ... 6 for Sunday."""
    return next(i for i, names in enumerate(lang.weekdays)
                if re.fullmatch(rf'(?:{names}){lang.weekday_tail}', word, re.IGNORECASE))


# ----------------------------------------------------------- resolving ----
def _clause_direction(text: str, c: _Cand, p: _Patterns) -> Optional[str]:
    """'past' or 'future' from the cue word nearest the candidate (outside
    it): in its clause first -- "Le chanteur, mort le 10 janvier, sera
    inhumé" is told in the past between its commas -- then in its sentence;
    None when there is none."""
    s, e = _sentence(text, c.start)
    cut = [m.end() for m in _CLAUSE_MARK.finditer(text, s, c.start)]
    after = _CLAUSE_MARK.search(text, c.end, e)
    for lo, hi in ((cut[-1] if cut else s, after.start() if after else e), (s, e)):
        best, best_gap = None, None
        for rx, d in ((p.past, 'past'), (p.future, 'future')):
            for m in rx.finditer(text, lo, hi):
                if c.start <= m.start() < c.end:
                    continue
                gap = c.start - m.end() if m.end() <= c.start else m.start() - c.end
                if best_gap is None or gap < best_gap:
                    best, best_gap = d, gap
        if best:
            return best
    return None


# What bounds a clause inside a sentence (a comma between digits is a decimal).
_CLAUSE_MARK = re.compile(r'(?<!\d),|,(?!\d)|[;:«»“”"()–—]')


_FIXED_BASE = datetime.date(2000, 1, 1)


def _resolve(text: str, c: _Cand, dct: datetime.date, lang: Language, p: _Patterns,
             years: list[tuple[int, int]]) -> Optional[str]:
    if c.kind == 'fixed':
        # The year is written, so the DCT cannot change the reading: one
        # memo entry serves every article that names this date.
        d = _parse(c.phrase, lang.code, _FIXED_BASE, 'past')
        return _value(d, c.precision) if d else None
    if c.kind == 'season':
        return _season_value(text, c, dct, p)
    if c.kind == 'relative':
        d = _parse(c.phrase, lang.code, dct, 'past')
        return _value(d, c.precision) if d else None
    if c.kind == 'yearless':
        s, _ = _sentence(text, c.start)
        written = [y for pos, y in years if s <= pos < c.start]
        d = _parse(c.phrase, lang.code, dct, 'past')
        if d is None:
            return None
        if c.year_offset is not None:   # "im Oktober vergangenen Jahres"
            written = [dct.year + c.year_offset]
        if not written and c.weekday is not None:
            written = _years_of_weekday(d, c.weekday, dct)
        if written:   # "En 2014, ... en mars": the year of the sentence
            try:
                return _value(d.replace(year=written[-1]), c.precision)
            except ValueError:   # 29 February
                return None
        return _value(_placed(text, c, dct, lang, p, d), c.precision)
    # a weekday
    direction = c.direction
    target = _parse(c.phrase, lang.code, dct, 'past')
    if target is None:
        return None
    if direction is None and target.weekday() == dct.weekday():
        return dct.isoformat()
    direction = direction or _clause_direction(text, c, p)
    ahead = (target.weekday() - dct.weekday()) % 7 or 7
    if direction == 'future' or direction is None and ahead <= 2:
        return (dct + datetime.timedelta(days=ahead)).isoformat()
    return (dct - datetime.timedelta(days=7 - ahead if ahead < 7 else 7)).isoformat()


def _season_value(text: str, c: _Cand, dct: datetime.date, p: _Patterns) -> Optional[str]:
    """TimeML value of a season ("2014-SP") or weekend ("2015-W49-WE").
    dateparser knows neither, so this is plain arithmetic; the year of a
    season named without one is chosen as the English tagger chooses it."""
    if c.direction == 'year':
        return c.phrase
    which = c.direction
    if which is None:
        which = _clause_direction(text, c, p)
        if which is None and c.phrase == 'WE':
            return None        # "am Wochenende" with nothing to place it: a habit as often as a date
    if c.phrase != 'WE':
        year = R.season_year(dct, c.phrase, {'this': None}.get(which, which))
        return f"{year:04d}-{c.phrase}" if 1 <= year <= 9999 else None   # no year 0 at the calendar's edge
    weekend = dct.weekday() >= 5
    if which == 'last':        # the latest weekend over before the DCT's own
        day = dct - datetime.timedelta(days=dct.weekday() + 1)
    elif which in ('next', 'future'):    # the first one not yet begun
        day = dct + datetime.timedelta(days=7 if weekend else 5 - dct.weekday())
    elif which == 'past':      # the latest one begun
        day = dct if weekend else dct - datetime.timedelta(days=dct.weekday() + 1)
    else:                      # "this weekend": the DCT's, or just past on a Monday
        day = dct - datetime.timedelta(days=1) if dct.weekday() == 0 else dct
    year, week, _ = day.isocalendar()
    return f'{year:04d}-W{week:02d}-WE'


def _years_of_weekday(d: datetime.date, weekday: int, dct: datetime.date) -> list[int]:
    """The year, next to the DCT's, in which d's day and month fall on that
    weekday ("jeudi 8 octobre" in 2015, not 2014); [] when none or two do."""
    fits = []
    for year in (dct.year - 1, dct.year, dct.year + 1):
        try:
            if d.replace(year=year).weekday() == weekday:
                fits.append(year)
        except ValueError:   # 29 February, or past year 9999
            pass
    return fits if len(fits) == 1 else []


def _placed(text: str, c: _Cand, dct: datetime.date, lang: Language, p: _Patterns,
            past: datetime.date) -> datetime.date:
    """A month or day without a year: this year's when it is the DCT's month
    (or day), else the one the clause points to, else the nearest."""
    same = past.month == dct.month if c.precision == MONTH else past == dct
    if same:
        return past
    future = _parse(c.phrase, lang.code, dct, 'future') or past
    direction = c.direction or _clause_direction(text, c, p)
    if direction == 'past':
        return past
    if direction == 'future':
        return future
    if c.precision == MONTH:
        back = (dct.year - past.year) * 12 + dct.month - past.month
        ahead = (future.year - dct.year) * 12 + future.month - dct.month
        return future if ahead < back else past
    return future if (future - dct) < (dct - past) else past


def _with_mod(text: str, c: _Cand, lang: Language, p: _Patterns) -> _Cand:
    """Absorb "début", "Ende", "a finales de" right before a month or year."""
    if c.precision not in (MONTH, YEAR) or c.kind == 'relative':
        return c
    before = text[max(0, c.start - 25):c.start]
    m = p.mod.search(before)
    if m is None:
        return c
    word = m.group().strip()
    mod = next(tag for pattern, tag in lang.mods if re.match(pattern, word, re.IGNORECASE))
    return replace(c, start=c.start - (len(before) - m.start()), mod=mod)


def _select(cands: list[_Cand]) -> list[_Cand]:
    """Non-overlapping candidates, longest first (so "13 novembre 2015" wins
    over "novembre" and "2015")."""
    taken: list[_Cand] = []       # disjoint, in text order
    starts: list[int] = []
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), c.start)):
        # Only the neighbours in text order can overlap a new span.
        i = bisect.bisect_right(starts, c.start)
        if i and taken[i - 1].end > c.start or i < len(taken) and taken[i].start < c.end:
            continue
        taken.insert(i, c)
        starts.insert(i, c.start)
    return taken


def find_dates(text: str, dct: datetime.date, language: str) -> list[DateMention]:
    """The DATE expressions of a French, German or Spanish text, in order.

    ``dct`` is the publication date; ``language`` a tag such as "fr" or
    "de-AT" (:func:`supported` says which are known; others raise
    ValueError).  Values are TimeML (``2015-11-13``, ``2015-03``, ``2015``,
    ``2015-W48``), never more precise than the words.
    """
    code = language_code(language)
    if code not in LANGUAGES:
        raise ValueError(f'no date tagger for language {language!r}')
    if isinstance(dct, datetime.datetime):
        dct = dct.date()
    lang, p = LANGUAGES[code], _patterns(code)
    chosen = _select([_with_mod(text, c, lang, p) for c in _candidates(text, lang, p)])
    # Years written out, for months and days that leave theirs unsaid.
    years = [(c.start, int(re.search(r'\d{4}', c.phrase).group())) for c in chosen
             if c.kind == 'fixed' and re.search(r'\d{4}', c.phrase)]
    mentions = []
    for c in chosen:
        try:
            value = _resolve(text, c, dct, lang, p, years)
        except (OverflowError, ValueError):   # counted past year 1 or 9999: no such date
            value = None
        if value is not None:
            mentions.append(DateMention(c.start, c.end, text[c.start:c.end], value, c.mod))
    return mentions
