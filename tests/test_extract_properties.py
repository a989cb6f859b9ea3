"""Property tests: extraction never fails, and every span says what its item says."""

from __future__ import annotations

import datetime
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.extract import extract, names, numbers
from generator.extract.sentences import prepare

DCT = datetime.date(2015, 12, 2)
FRAGMENTS = [
    '"', "“", "”", "‘", "’", "'", " said ", " she added", ", ", ". ", ": ", "\n", "\n\n", "\r\n",
    "Gallan", "Patricia Gallan", "Assistant commissioner ", "Met", "London", "Islamic State (Isis)",
    " the ", "130", "2,000", "£2.5m", "50%", " per cent", "15-week", " people", " officers", "seven",
    " times", "13 November", "1998", "Getty", " Reuters", "according to ", "told the BBC", "*", "#",
    "> ", "- ", "[link](http://x.y)", "`", "_", "(", ")", "Mr ", "Dr. ", "U.S.", "é", "Ω", "\t",
    " killed", " were injured", "the IS", "Paris", "He", " was quoted as saying by The Guardian",
]
MARKUP = re.compile(r"[*_`\[\]()<>#|\\~!>]|https?:")

texts = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=4)), max_size=60).map("".join),
)


def _collapsed(s: str) -> str:
    return " ".join(s.split())


def _same_words(span_text: str, claimed: str) -> bool:
    """The claimed text is the span's text with whitespace collapsed; with Markdown in the
    span, the claimed text's characters must at least appear in it in order."""
    if not MARKUP.search(span_text):
        return _collapsed(span_text) == claimed
    it = iter(span_text)
    return all(ch in it for ch in claimed.replace(" ", ""))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts, skip=st.integers(0, 3), order=st.sampled_from(["MDY", "DMY"]))
def test_extract_never_raises_and_spans_are_honest(text, skip, order):
    x = extract(text, DCT, skip_lines=skip, date_order=order)
    n = len(text)
    for group in (x.events, x.facts, x.quotes, x.people, x.entities):
        for item in group:
            assert 0 <= item.span.start <= item.span.end <= n, item
    for q in x.quotes:
        assert q.text and _same_words(text[q.span.start:q.span.end], q.text), q
    for f in x.facts:
        assert _same_words(text[f.span.start:f.span.end], f.as_stated), f
        assert f.value and f.label
    for e in x.events:
        assert _same_words(text[e.span.start:e.span.end], e.as_stated), e
    for ent in x.entities:
        span_text = text[ent.span.start:ent.span.end]
        assert any(_same_words(span_text, form) for form in (ent.name, *ent.aliases)), ent
        assert ent.kind in ("organisation", "place", "person")


# Strings that exercise the fast paths below: tokens glued together, currency prefixes,
# number words inside other words, characters whose lower case is not an ASCII fold.
FAST_PATH_FRAGMENTS = [
    "Mr.", "mr.", " ", "  ", "\n", "U.S.", "the", "of", "Smith", "al-Sharif", "&", "AT&T",
    "commissioner", "chief", "x", "3D.", "anti-", ".", ",", "'s", "’", "Jones'", "de", "and", "J.",
    "É", "Sen.", "US$5", "hk$", "A$", "$", "£", "2,000", ".5", "one", "someone", "A dozen",
    "a  hundred", "twenty-one", "Twenty", "often", "\u212a", "\u0130",
]
fast_texts = st.one_of(texts, st.lists(st.sampled_from(FAST_PATH_FRAGMENTS), max_size=20).map("".join))


@settings(max_examples=300, deadline=None)
@given(text=fast_texts)
def test_fast_name_tokens_match_the_reference_pattern(text):
    """The tokenizer finds exactly the reference pattern's tokens, less lone lower-case words."""
    reference = {m.start(): m.end() for m in names._NAME_TOKEN.finditer(text)}
    fast = names.NameIndex._token_spans(text)
    assert {s: reference.get(s) for s in fast} == fast
    skipped = [text[s:e] for s, e in reference.items() if s not in fast]
    assert all(word[:1].islower() for word in skipped), skipped


@settings(max_examples=300, deadline=None)
@given(text=fast_texts)
def test_fast_number_candidates_match_the_reference_pattern(text):
    reference = [m.start() for m in numbers._CANDIDATE.finditer(text.translate(numbers._ASCII_LOWER))]
    assert numbers._candidates(numbers._ascii_lower(text)) == reference


BEFORE_NUMBER = st.lists(st.sampled_from(["Sept", "Sept.", "March", "may", "MAY", " ", "  ", "\n", "Flight",
                                          "x", "9", "_", "-", "’", ".", "é", "(", "Dec", "ab3"]),
                         max_size=8).map(lambda parts: "".join(parts) + "5")


@settings(max_examples=300, deadline=None)
@given(text=BEFORE_NUMBER, sent_start=st.integers(0, 6))
def test_words_read_before_a_number_match_the_reference_patterns(text, sent_start):
    s = len(text) - 1
    assert numbers._month_before(text, s) == bool(numbers._DATE_BEFORE.search(text[max(0, s - 12):s]))
    lo = min(sent_start, s)
    m = numbers._WORD_BEFORE_NUMBER.search(text, max(lo, s - 40), s)
    word = m.group(1) if m else ""
    expected = bool(word) and word[:1].isupper() and word.lower() not in numbers._QUANTIFIERS \
        and word.lower() not in numbers._STOP and not word.isupper()
    assert numbers._is_identifier(text, lo, s) == expected


def test_an_undated_article_gives_no_events_and_no_warning():
    """Without a publication date nothing can be placed in time, but figures are still found."""
    import warnings

    from generator.extract import extract

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        found = extract("After the flood on 4 March, 2,000 people were evacuated.", None)
    assert found.events == ()
    assert [(f.label, f.value, f.unit) for f in found.facts] == [("Evacuated", "2,000", "people")]


def test_first_character_sets_cover_what_the_patterns_can_start_with():
    """A character outside a pattern's first-character set (and not whitespace) never starts a match.

    ``_is_date_or_time`` skips ``_DATE_AFTER`` / ``_TIME_AFTER`` after any other character,
    so the sets must hold every character that case-insensitively matches their first letters.
    """
    date_first = re.compile(r"[snrt]", re.I)
    time_first = re.compile(r"[:.aphogbu]", re.I)
    for code in range(0x110000):
        c = chr(code)
        if date_first.fullmatch(c):
            assert c in numbers._DATE_AFTER_FIRST, hex(code)
        if time_first.fullmatch(c):
            assert c in numbers._TIME_AFTER_FIRST, hex(code)


# -- the faster number and name paths, against the code they replaced -------------------

NUMBER_CONTEXT = st.lists(st.sampled_from([
    "5", "130", "2015", "£2.5m", "50%", "15-week", "three times", "seven", " ", "  ", "\n", ". ",
    " people", " officers", " killed", " were injured", "killed ", "the death toll rose to ",
    "March ", "Sept. ", "5th of May", " pm", "10:30", " GMT", " o'clock", "Flight ", "about ",
    "ſ", "\u212a", "İ", " st", "th", "of", "on ", "the ", "a ", "x",
]), max_size=24).map("".join)


def _reference_is_date_or_time(masked, m, date_spans):
    """``numbers._is_date_or_time`` as it was: the date and time patterns tried one by one."""
    s, e = m.start(), m.end()
    if date_spans.overlaps(s, e):
        return True
    if numbers._DATE_AFTER.match(masked, e) or numbers._DATE_BEFORE.search(masked[max(0, s - 12):s]):
        return True
    return bool(numbers._TIME_AFTER.match(masked, e) or numbers._TIME_COLON.match(masked, s))


def _reference_all_numbers(doc, date_spans):
    """``numbers.all_numbers`` as it was: every match goes to ``_classify``, dates too."""
    masked = doc.masked
    dates = numbers._Spans(date_spans)
    out, last_end = [], 0
    for c in numbers._candidates(numbers._ascii_lower(masked)):
        if c < last_end:
            continue
        m = numbers._NUMBER.match(masked, c)
        if not m:
            continue
        s, e = m.span()
        last_end = e
        if s > 0 and (masked[s - 1].isalnum() or masked[s - 1] in "/-.,:#"):
            continue
        if e < len(masked) and (masked[e].isalnum() and m.lastgroup != "money" or masked[e] in "/"
                                or masked[e] in "-–" and numbers._RANGE.match(masked, e)):
            continue
        sent_start, sent_end = doc.sentence_of(s)
        if sent_start == sent_end:
            continue
        found = numbers._classify(doc, m, sent_start, sent_end, dates)
        if found is not None:
            out.append(found)
    return out


@settings(max_examples=300, deadline=None)
@given(text=NUMBER_CONTEXT, spans=st.lists(st.tuples(st.integers(0, 80), st.integers(0, 8)), max_size=4))
def test_number_checks_match_the_reference_implementation(text, spans):
    """The combined date/time pattern, the memoised word-before tests and the early date
    rejection change no key number and no date/time decision."""
    doc = prepare(text)
    date_spans = [(s, s + n) for s, n in spans]
    assert numbers.all_numbers(doc, date_spans) == _reference_all_numbers(doc, date_spans)
    dates = numbers._Spans(date_spans)
    for m in numbers._NUMBER.finditer(doc.masked):
        expected = _reference_is_date_or_time(doc.masked, m, dates)
        assert numbers._is_date_or_time(doc.masked, m, dates) == expected, m


@settings(max_examples=300, deadline=None)
@given(text=NUMBER_CONTEXT)
def test_outcome_stem_prefilter_is_a_necessary_condition(text):
    """``outcome_before`` skips its pattern when the stem search fails: it must never miss."""
    from generator.extract import number_context

    for s in range(len(text) + 1):
        window = text[max(0, s - 60):s]
        if number_context._OUTCOME_BEFORE.search(window):
            assert number_context._BEFORE_STEM.search(window)


class _ReferenceNameIndex(names.NameIndex):
    """A NameIndex that sends every run, one word or more, through the general path."""

    def _classify(self, run, pending_single):
        self._classify_run(run, pending_single)


def _mentions(index):
    return [(m.start, m.end, m.text, m.kind, m.role, m.org, m.key) for m in index.mentions]


@settings(max_examples=300, deadline=None)
@given(text=fast_texts)
def test_name_shortcuts_match_the_general_path(text):
    """The one-word-run shortcut and the adjacency loop find the same names."""
    doc = prepare(text)
    fast, reference = names.NameIndex(doc), _ReferenceNameIndex(doc)
    assert _mentions(fast) == _mentions(reference)
    assert fast._unknown == reference._unknown
    assert fast._adjacent_to_previous == [False] + [fast._adjacent(a, b)
                                                    for a, b in zip(fast.tokens, fast.tokens[1:])]
