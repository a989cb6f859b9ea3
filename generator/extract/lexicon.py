"""Small hand-written word lists for reading a news sentence's clauses.

No tagger: :mod:`.clauses` finds a sentence's main verb with these lists and
the shape of the words around it.  Verbs are listed by base form; the
regular inflections (``-s``, ``-ed``, ``-ing``) are generated, and the
irregular past forms are listed beside them.  Any other lower-case word in
``-ed`` is read as a past form too (news has many verbs no list holds), unless
a determiner before it makes it an adjective ("the *proposed* guidelines").
"""

from __future__ import annotations

import re

# Base forms of verbs news uses.  Irregular verbs are written "base:past:participle".
_VERBS = """
accept accuse acknowledge acquire act add admit adopt advance affect agree aim allocate allow
announce answer appeal appear apply appoint approve argue arrest arrive ask assail assassinate
assemble assert assess assure attack attempt attend attribute authorize avoid back ban bar base
battle become:became:become begin:began:begun believe block blame board bomb boost break:broke:broken
bring:brought:brought build:built:built burn buy:bought:bought call campaign cancel capture carry
cascade cause celebrate change charge choose:chose:chosen cite claim clash clear close collapse
come:came:come command comment commit complain complete comply conclude condemn conduct confirm
consider continue contribute control convict cost:cost:cost count crash create criticize criticise
cross cut:cut:cut damage deal:dealt:dealt debate decide decline defeat defend delay deliver demand
deny deploy describe destroy detain develop die disclose discover discuss dismiss dispatch do:did:done
double draft draw:drew:drawn drive:drove:driven drop earn ease elect eliminate emerge end endorse enter
escape establish estimate evacuate examine exceed expand expect explain explode expel express extend
face fail fall:fell:fallen fear feel:felt:felt fight:fought:fought file fill find:found:found finish fire
flee:fled:fled fly:flew:flown follow force forecast:forecast:forecast form free freeze:froze:frozen gain
get:got:gotten give:gave:given go:went:gone grant grow:grew:grown halt hand handle happen head hear:heard:heard
help hire hit:hit:hit hold:held:held hope host hurt:hurt:hurt identify impose improve include increase
indicate inform injure inspect insist intend introduce invade investigate invite issue join jump keep:kept:kept
kidnap kill know:knew:known land launch lead:led:led leap:leapt:leapt learn leave:left:left lend:lent:lent
let:let:let lift limit list lose:lost:lost lower mail maintain make:made:made manage march mark mean:meant:meant meet:met:met
merge miss move name narrow need negotiate nominate note notify obtain occur offer open order organize
outline overturn own participate pass pay:paid:paid permit persuade plan plead:pleaded:pleaded plunge post
postpone praise predict prepare present press prevent produce promise propose protest prove provide
publish pull purchase push put:put:put quit:quit:quit raise rally reach react read:read:read receive
recommend record recover reduce refuse regret reject release remain remove rename reopen repeat replace
report request require rescue resign resist resolve respond rest restore resume retain retire return
reveal review rise:rose:risen rule run:ran:run say:said:said score search see:saw:seen seek:sought:sought
seize sell:sold:sold send:sent:sent sentence serve set:set:set settle shed:shed:shed shift shoot:shot:shot
show shut:shut:shut sign sink:sank:sunk slash slip slow soar solve speak:spoke:spoken spend:spent:spent
split:split:split stage stand:stood:stood start state stay step stop storm strike:struck:struck study
submit succeed sue suffer suggest supply support surface surge surrender survive suspend swear:swore:sworn
take:took:taken talk target teach:taught:taught tell:told:told tender terminate test testify think:thought:thought
threaten throw:threw:thrown tour trade train transfer travel try turn uncover undergo:underwent:undergone
unveil uphold:upheld:upheld urge use veto visit vote vow wait walk want warn watch welcome win:won:won
withdraw:withdrew:withdrawn worry wound wrap write:wrote:written yield
"""

AUX = frozenset("is are was were be been being am 's has have had having will would shall should can could may "
                "might must do does did 'll 'd 're 've wo ca".split())
MODALS = frozenset("will would shall should can could may might must 'll 'd wo ca".split())
BE = frozenset("is are was were be been being am 's 're".split())
HAVE = frozenset("has have had having 've".split())
NEGATIONS = frozenset("not n't never no".split())
# Adverbs that may sit inside a verb group or between a subject and its verb.
VERB_ADVERBS = frozenset("""
also still already just now then repeatedly recently finally formally officially quickly reportedly
previously earlier later tentatively overwhelmingly almost nearly unanimously privately publicly
jointly immediately effectively sharply abruptly suddenly again further even only first meanwhile
never not n't separately reluctantly narrowly barely largely mostly partly initially eventually
apparently allegedly subsequently increasingly actually really quietly yesterday today
""".split())

DETERMINERS = frozenset("a an the this that these those its his her their our my your some any no every each "
                        "another other such what which whose both all several many few".split())
PREPOSITIONS = frozenset("""
about above across after against along amid amidst among around as at before behind below beneath beside
besides between beyond by despite down during except for from in inside into like near of off on onto
out outside over past per since through throughout till to toward towards under underneath until unlike
up upon via with within without following including
""".split())
SUBORDINATORS = frozenset("while whereas although though because unless if once whether lest "
                          "since until till before after as when whenever where".split())
RELATIVES = frozenset("who whom whose which where".split())
PRONOUNS = frozenset("he she it they we i you him her them us me".split())
CONJUNCTIONS = frozenset("and but or nor yet so".split())
# Words a headline must not end on.
DANGLING = (PREPOSITIONS - frozenset("up down out off over past around along inside outside behind below above "
                                     "underneath beyond near".split())) | DETERMINERS | CONJUNCTIONS | \
    SUBORDINATORS | RELATIVES | AUX | frozenset("that to than and or".split())

# Sentence-opening words that only link the sentence to the one before.
DISCOURSE = frozenset("""
and but so also meanwhile separately however nevertheless nonetheless still thus therefore instead
indeed moreover furthermore additionally yet or plus overall finally again besides anyway then now
otherwise likewise similarly accordingly hence consequently
""".split())
LEAD_PHRASES = ("in addition", "as expected", "in fact", "at the same time", "by contrast", "by all accounts", "for example",
                "in turn", "of course", "in another", "as a result", "in the meantime", "on the other hand")

# Reporting verbs: "X said Y" is news only through Y.
REPORTING = frozenset("say tell report add state note explain comment quote write reiterate".split())
# Verbs of announcing: "X announced Y" is itself the news.
ANNOUNCING = frozenset("announce disclose confirm reveal unveil declare promise pledge vow warn threaten "
                       "predict forecast estimate".split())
# Main verbs that make a clause an opinion, a mood, a state or a characterization.
OPINION = frozenset("""
hope believe think feel speculate suggest fear doubt wish prefer worry welcome praise applaud hail
condemn denounce criticize criticise deplore describe characterize characterise regret seem appear
want like love hate consider argue contend insist acknowledge admit concede caution predict continue
""".split()) - {"regret"}
STATE = frozenset("""
own include consist comprise contain represent equal total cost mean remain resemble lack
deserve matter depend belong involve reflect exist owe mark signal underscore highlight show
telegraph
""".split()) - {"remain", "mean"}
# Words in -ing that news uses as nouns ("its first hearing", "an emergency meeting"): a headline
# may end on one.
ING_NOUNS = frozenset("""
hearing meeting briefing ruling funding spending building opening closing warning bombing bombings
shooting shootings killing killings offering filing listing landing gathering uprising wedding
funeral sitting summit crossing holding holdings earnings savings findings proceedings dealings
""".split())
# What "contained" can be done to: then it is an action ("firefighters contained the wildfire"),
# not a state ("the report contained errors").
CONTAINED = frozenset("""
fire fires blaze blazes wildfire wildfires flames spill leak outbreak outbreaks epidemic virus riot riots
unrest protest protests violence flooding flood floods
""".split())

NOUNISH_SUFFIX = re.compile(r"(?:tion|sion|ment|ness|ity|ance|ence|ship|ism|ist|ers|ors)$")


def _regular(base: str) -> tuple[str, str, str]:
    """(third person, past, -ing) of a regular verb."""
    if base.endswith("e"):
        past, ing = base + "d", base[:-1] + "ing"
    elif base.endswith("y") and base[-2:-1] not in "aeiou":
        past, ing = base[:-1] + "ied", base + "ing"
    elif (len(base) >= 3 and base[-1] not in "aeiouwxy" and base[-2] in "aeiou" and base[-3] not in "aeiou"
          and base in _DOUBLE):
        past, ing = base + base[-1] + "ed", base + base[-1] + "ing"
    else:
        past, ing = base + "ed", base + "ing"
    if base.endswith(("s", "sh", "ch", "x", "z", "o")):
        third = base + "es"
    elif base.endswith("y") and base[-2:-1] not in "aeiou":
        third = base[:-1] + "ies"
    else:
        third = base + "s"
    return third, past, ing


_DOUBLE = frozenset("ban bar bomb drop plan ship slip stop step submit commit permit admit kidnap control "
                    "regret plot halt".split()) - {"bomb", "halt"}

# form -> (base, tag); tag is "base", "pres" (third person), "past", "pp" or "ing".
FORMS: dict[str, tuple[str, str]] = {}
VERB_BASES: set[str] = set()
# Verbs whose past is their base form ("hit", "cut", "set"): FORMS says "base", and the clause
# reader decides from the words around it whether it is a past ("The storm hit the coast").
SAME_PAST: set[str] = set()
for _entry in _VERBS.split():
    _parts = _entry.split(":")
    _base = _parts[0]
    VERB_BASES.add(_base)
    if len(_parts) == 3 and _parts[1] == _base:
        SAME_PAST.add(_base)
    _third, _past, _ing = _regular(_base)
    if len(_parts) == 3:
        _past, _pp = _parts[1], _parts[2]
    else:
        _pp = _past
    for _form, _tag in ((_base, "base"), (_third, "pres"), (_ing, "ing"), (_past, "past"), (_pp, "pp")):
        FORMS.setdefault(_form, (_base, _tag))
for _form, _base, _tag in (("is", "be", "pres"), ("are", "be", "pres"), ("am", "be", "pres"), ("was", "be", "past"),
                           ("were", "be", "past"), ("be", "be", "base"), ("been", "be", "pp"),
                           ("being", "be", "ing"), ("has", "have", "pres"), ("have", "have", "base"),
                           ("had", "have", "past"), ("having", "have", "ing"), ("does", "do", "pres"),
                           ("did", "do", "past"), ("do", "do", "base")):
    FORMS[_form] = (_base, _tag)
# Base forms that are far more often nouns or adjectives than verbs in news.
NOUN_LIKE_BASES = frozenset("""
back ban bar call capture charge close control cost count cut deal delay double drop end face fall fear
file fire form free hand head help hit hope issue land lead list mark march name need offer order pass
plan post press protest rally record release rest return review rise rule run score search sentence set
shift show sign split stage start state step stop strike study supply support surface surge talk target
test trade train turn use visit vote wait walk watch welcome win wound yield report reach demand claim
change attack bomb estimate forecast increase trade tour gain loss
profit benefit
""".split())
# Words in -ed that are adjectives or nouns, not past forms.
NOT_VERBS_ED = frozenset("""
red bed led fed wed shed need seed speed feed deed weed steed hundred kindred sacred naked wicked ragged
rugged crooked beloved learned aged alleged supposed so-called united limited detailed advanced skilled
armed assorted concerned unprecedented unexpected unidentified unnamed unspecified undated unrelated
""".split()) - {"led", "shed", "armed"}

# Every base form a list here names, to lemmatise an unlisted "-ed" form ("denounced" -> "denounce").
KNOWN_BASES = frozenset(VERB_BASES) | OPINION | STATE | REPORTING | ANNOUNCING
