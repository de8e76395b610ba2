"""Reference-free checks of a summary against its article: what a reader would notice first.

One owner for these checks, used twice: ``evaluate`` counts them per article,
and the ``Extraction`` validators turn them into re-asks that say what to fix.
Nothing here needs a reference summary except ``rouge_l``.

* Broken sentences: not ending in sentence punctuation, or ending on a
  function word, a comma or a dangling number ("... to $5.").
* Duplicated sentences: the same words twice, or one a cut-off copy of another.
* A first sentence that opens with a pronoun nothing before it resolves.
* Copying: the longest run of words lifted verbatim, and Grusky et al.'s
  extractive fragment coverage and density (the Newsroom measures).
* Junk: letters of a script the article does not use; capitalised names the
  article never mentions.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from ._prose import GRAMMAR_WORDS

# Words a whole sentence never ends on: articles, prepositions, conjunctions, auxiliaries, pronouns' objects.
FUNCTION_WORDS = GRAMMAR_WORDS
# ... but for those that end one as adverbs: "... from swelling more.", "prices went up.", "since then."
_ADVERB_ENDS = frozenset(("more", "less", "most", "least", "up", "down", "out", "off", "over", "before", "then",
                          "there", "yet", "either", "both"))
# ... and those that end one only after certain words: "for the time being.", "did not say why.", "would not do
# so.", "soon after.", "the deal fell through." ("The shares fell after." is cut off)
_ASKED = frozenset(("say", "said", "says", "explain", "explained", "know", "known", "knew", "asked", "disclose",
                    "disclosed", "specify", "specified", "reveal", "revealed"))
_ENDS_AFTER = {
    "being": frozenset(("time",)),
    "why": _ASKED, "how": _ASKED, "when": _ASKED, "where": _ASKED,
    "so": frozenset(("do", "did", "does", "doing", "done")),
    "after": frozenset(("soon", "shortly", "long", "ever", "immediately")),
    "through": frozenset(("fell", "falls", "fall", "went", "go", "goes", "pushed", "push", "carried", "followed",
                          "it", "them")),
}
# Words that open a first sentence without anything before them to refer to.
_OPENERS = "it its they their them he she his her this these those that such"
UNRESOLVED_OPENERS = frozenset(_OPENERS.split())

WORD = re.compile(r"[^\W_]+(?:['’.,-][^\W_]+)*", re.UNICODE)
# A sentence ends at . ! ? and any closing quote or bracket after it, before a capital or a number.
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*(?=\s+[\"'“‘(]?[A-Z0-9$€£¥₹])")
WHOLE_END = re.compile(r"[.!?…][\"'”’)]*$")  # how a whole sentence ends: a stop, then quotes or brackets
_NUMBERISH = re.compile(r"^[$€£¥₹]?\d[\d,]*(?:\.\d+)?$")
_CAPITALISED = re.compile(r"\b[A-Z][\w&.'’-]*")


def words(text: str) -> list[str]:
    """Lower-cased words of ``text`` (numbers kept whole: '$5.0', '2,300')."""
    return [w.casefold() for w in WORD.findall(text)]


def as_sentence(text: str) -> str:
    """``text`` with a final stop when it has none: how a summary item is shown, and so how it is judged."""
    text = text.strip()
    return text if text.endswith((".", "!", "?", "…", '"', "”", "'", "’")) else f"{text}."


def label_key(label: str) -> str:
    """How labels compare: their words, lower-cased ('Revenue ' and 'revenue' are one label)."""
    return " ".join(words(label))


@dataclass(frozen=True)
class _Article:
    """What every check reads from an article, worked out once per article text."""

    words: tuple[str, ...]
    positions: dict[str, list[int]]  # each word's indices in ``words``
    known: frozenset[str]
    folded: str
    scripts: frozenset[str | None]


@lru_cache(maxsize=64)  # a summary's sentences are checked one by one, against the same article
def _article(text: str) -> _Article:
    found = words(text)
    positions: dict[str, list[int]] = {}
    for index, word in enumerate(found):
        positions.setdefault(word, []).append(index)
    return _Article(tuple(found), positions, frozenset(found), text.casefold(),
                    frozenset(_script(c) for c in set(text)))


def shown(article: str, title: str | None) -> str:
    """What the model was shown of an article: its title too, whose names and numbers are the article's own
    (a summary naming "ETFs" from the headline names nothing new)."""
    return f"{title}\n{article}" if title else article


# A stop after an abbreviation or an initial ends no sentence: "Rs. 248.90", "Mr. Lee", "U.S. Steel", "No. 2".
NOT_AN_END = re.compile(r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|St|Jr|No|Nos|Sen|Rep|Gov|Gen|vs|Rs|Re|Inc|Corp|Co|Ltd|Jan|Feb"
                        r"|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec))\.$")


def sentence_ends(text: str) -> list[int]:
    """Where each sentence of ``text`` but the last ends: the offset after its stop and any closing quote, where
    a capital or a number follows and the stop is not an abbreviation's (``NOT_AN_END``: "Mr.", "U.S.", "Rs.")."""
    return [end.end() for end in _SENTENCE_END.finditer(text)
            if not NOT_AN_END.search(text[:end.end()].rstrip("\"'”’)"))]


def split_sentences(text: str) -> list[str]:
    """Sentences of a summary, each with its stop and closing quote (``sentence_ends``)."""
    text = text.strip()
    bounds = [0, *sentence_ends(text), len(text)]
    return [part for start, end in itertools.pairwise(bounds) if (part := text[start:end].strip())]


SINGLE_WORD = "is a single word"


# A verb of saying at a sentence's end reports what came before it ("Sales fell, the company said."); after its
# speaker alone, or after a comma with nothing before the speaker, what was said is missing ("Jane Roe, the chief
# executive, said.", "The company said.").
_REPORTING = frozenset(("said", "says", "told", "added", "noted", "stated", "explained", "announced", "warned",
                        "wrote", "commented", "reported"))
_REPORTED_NOTHING = 4  # words at most: a speaker and the verb ("The chief executive said.")
_BEFORE_PASSIVE = frozenset(("was", "were", "is", "are", "be", "been", "being", "also", "not", "widely", "publicly"))


def _speaker_alone(body: str, verb: str) -> bool:
    """The verb alone after a speaker and what the speaker is ("Jane Roe, the chief executive, said"), with no clause
    before them ("Demand held up, Jane Roe, the chief executive, said" reports one)."""
    parts = body.split(",")
    return len(parts) <= 3 and parts[-1].strip().casefold() == verb


def broken_reason(sentence: str) -> str | None:
    """Why a sentence reads as cut off, or None when it ends whole."""
    text = sentence.strip()
    if not text:
        return "is empty"
    if not WHOLE_END.search(text):
        return "does not end with a full stop"
    first = text.lstrip("\"'“‘(").split(maxsplit=1)[0]
    if first[:1].islower() and first.islower():  # "eBay", "iPhone" start a sentence in lower case
        return "starts mid-sentence, in lower case"
    body = text.rstrip(".!?…\"'”’) ")
    if body.endswith((",", ";", ":", "-", "–", "—")):
        return "ends on a comma"
    tokens = body.split()
    if not tokens:
        return "has no words"
    if len(tokens) == 1:  # "Veteran." between two sentences: what the word was part of is missing
        return SINGLE_WORD
    last = tokens[-1].casefold().strip("\"'“”‘’(")
    if last in _ENDS_AFTER and tokens[-2].casefold() in _ENDS_AFTER[last]:  # (one word returned above)
        return None
    if last == "may" and tokens[-1].strip("\"'“”‘’(").startswith("M"):  # "... run out in May.": the month
        return None
    if last in FUNCTION_WORDS and last not in _ADVERB_ENDS:
        return f"ends on {tokens[-1]!r}, mid-clause"
    if last in _REPORTING and (_speaker_alone(body, last) or (
            len(tokens) <= _REPORTED_NOTHING and "," not in body and tokens[-2].casefold() not in _BEFORE_PASSIVE)):
        return f"ends on {tokens[-1]!r} with nothing reported"  # "Jane Roe, the chief executive, said."
    if last.endswith(("'s", "’s")) and len(last) > 2:  # "The company's.": what was the company's is missing
        return f"ends on the possessive {tokens[-1]!r}, mid-clause"
    if _NUMBERISH.match(last) and len(tokens) > 1 and tokens[-2].casefold() in FUNCTION_WORDS \
            and re.search(r"[$€£¥₹]\d+$", last):
        return f"ends on a dangling number {tokens[-1]!r}"
    return None


# A sentence about the answer instead of the article: the schema's parts named and listed ("The key figures are:
# $0.35 decrease in ...", "The sentiment is positive, with ...", "The entities are: OPEC, ...").
_ABOUT_THE_ANSWER = re.compile(
    r"^(?:the )?(?:key figures|main figures|entities)(?: (?:mentioned|listed|given|named|in the article))?"
    r" (?:are|include)\b|^(?:the )?(?:overall )?sentiment(?: of the article)? is (?:positive|negative|neutral|mixed)\b"
    r"|^(?:key figures|sentiment|entities)\s*:",
    re.IGNORECASE,
)


def about_the_answer(sentence: str) -> bool:
    """Whether ``sentence`` lists the answer's own parts (its figures, its sentiment, its entities) instead of
    saying what the article reports."""
    return _ABOUT_THE_ANSWER.match(sentence.strip()) is not None


def duplicated(sentences: Sequence[str]) -> list[tuple[int, int]]:
    """Pairs (i, j), i < j, of sentences that say the same: equal words, one the start of the other (``starts``),
    80% overlap, or one fact told twice (``restates``)."""
    keys = [words(s) for s in sentences]
    pairs = []
    for j in range(len(keys)):
        for i in range(j):
            a, b = keys[i], keys[j]
            if not a or not b:
                continue
            if starts(a, b) or starts(b, a) or _jaccard(a, b) >= 0.8 or restates(sentences[i], sentences[j]):
                pairs.append((i, j))
    return pairs


_RESTATED = 0.75  # of the shorter sentence's words found in the other


def numbers_of(words_: Sequence[str]) -> set[str]:
    """The words that are numbers ('17.57', 'r5.5', '2,300')."""
    return {word for word in words_ if any(char.isdigit() for char in word)}


_UP = frozenset(("rose", "rise", "rises", "risen", "gained", "gains", "up", "higher", "increased", "increase",
                  "jumped", "climbed", "surged", "soared", "grew"))
_DOWN = frozenset(("fell", "fall", "falls", "fallen", "dropped", "drop", "down", "lower", "decreased", "decrease",
                   "declined", "slid", "slumped", "plunged", "lost", "shrank"))
_NEGATIONS = frozenset(("not", "no", "never", "without", "didn't", "doesn't", "won't", "isn't", "wasn't"))


def _names(text: str) -> set[str]:
    """The capitalised words that are not grammar words: whom a sentence is about ("Sensex", "Nifty", "Fed")."""
    return {name.rstrip(".") for name in _CAPITALISED.findall(text) if name.casefold() not in FUNCTION_WORDS}


def _direction(words_: set[str]) -> str | None:
    up, down = bool(words_ & _UP), bool(words_ & _DOWN)
    return "up" if up and not down else "down" if down and not up else None


def restates(a: str, b: str) -> bool:
    """The same fact told twice in other words: the two share a number, the numbers of one are all in the other,
    the names of one are all in the other, they do not move opposite ways, and three quarters of the shorter's
    words are in the longer ("Samsung has reported record operating profits of 17.57 trillion won, up 21 percent
    ..." / "Samsung has posted its highest ever operating profits of 17.57 trillion won, up 21 percent ..., in the
    third quarter of 2018"). Different things in one wording are not: "profit rose 60% to $4.69 billion" / "rose
    71% to $1.1 billion" (numbers), "The Sensex closed 0.5% higher" / "The Nifty closed 0.5% higher" (names),
    "iPhone revenue fell 2%" / "services revenue rose 2%" (directions)."""
    wa, wb = words(a), words(b)
    na, nb = numbers_of(wa), numbers_of(wb)
    if not (na & nb) or not (na <= nb or nb <= na):
        return False
    ma, mb = _names(a), _names(b)
    if not (ma <= mb or mb <= ma):
        return False
    sa, sb = set(wa), set(wb)
    da, db = _direction(sa), _direction(sb)
    if (da and db and da != db) or bool(sa & _NEGATIONS) != bool(sb & _NEGATIONS):
        return False  # opposite ways, or one says what the other denies ("does not expect")
    return len(sa & sb) / min(len(sa), len(sb)) >= _RESTATED


def starts(short: Sequence[str], long: Sequence[str]) -> bool:
    """Whether the words ``short`` begin ``long``, its last word maybe cut off ("The con." -> "The consideration
    ..."): a copy cut short, or a false start."""
    if not short or len(short) > len(long):
        return False
    return list(long[:len(short) - 1]) == list(short[:-1]) and long[len(short) - 1].startswith(short[-1])


def _jaccard(a: Sequence[str], b: Sequence[str]) -> float:
    sa, sb = set(a), set(b)
    return len(sa & sb) / len(sa | sb) if sa | sb else 0.0


def unresolved_opener(sentences: Sequence[str]) -> str | None:
    """The pronoun a summary opens with, when nothing before it says what it stands for."""
    if not sentences:
        return None
    first = sentences[0].split()
    word = first[0].strip("\"'“‘(").casefold() if first else ""
    return first[0] if word in UNRESOLVED_OPENERS else None


@dataclass(frozen=True)
class Fragments:
    """Grusky et al. (2018): the summary's words as maximal runs shared with the article."""

    coverage: float  # share of summary words inside a copied run
    density: float  # mean squared run length per summary word: ~1-2 abstractive, >10 a copy
    longest: int  # words in the longest run copied verbatim


def fragments(summary: str, article: str) -> Fragments:
    """The greedy extractive-fragment matching of the Newsroom paper, over lower-cased words."""
    s, indexed = words(summary), _article(article)
    a = indexed.words
    if not s:
        return Fragments(0.0, 0.0, 0)
    runs, i = [], 0
    while i < len(s):
        best = 0
        for j in indexed.positions.get(s[i], ()):
            length = 0
            while i + length < len(s) and j + length < len(a) and s[i + length] == a[j + length]:
                length += 1
            best = max(best, length)
        if best:
            runs.append(best)
            i += best
        else:
            i += 1
    n = len(s)
    return Fragments(round(sum(runs) / n, 3), round(sum(r * r for r in runs) / n, 2), max(runs, default=0))


@lru_cache(maxsize=4096)
def _script(char: str) -> str | None:
    """The script of a letter, as the first word of its Unicode name (LATIN, CJK, CYRILLIC, ...)."""
    if not char.isalpha():
        return None
    name = unicodedata.name(char, "")
    return name.split(" ", 1)[0] if name else None


def foreign_script(summary: str, article: str) -> str:
    """The summary's letters from scripts the article does not use (e.g. '公司' in an English article)."""
    have = _article(article).scripts
    return "".join(c for c in summary if (script := _script(c)) is not None and script not in have)


def unknown_names(summary: str, article: str) -> list[str]:
    """Capitalised words, not opening a sentence, that the article never uses (in any case)."""
    indexed = _article(article)
    found = []
    for sentence in split_sentences(summary):
        for match in _CAPITALISED.finditer(sentence):
            if match.start() == len(sentence) - len(sentence.lstrip("\"'“‘(")):
                continue  # a sentence's first word is capitalised anyway
            name = match.group().rstrip(".,'’-")
            name = re.sub(r"['’]s$", "", name)
            if name and name.casefold() not in indexed.known and name.casefold() not in indexed.folded:
                found.append(name)
    return list(dict.fromkeys(found))


def rouge_l(candidate: str, reference: str) -> float:
    """ROUGE-L F1 over lower-cased words (longest common subsequence)."""
    c, r = words(candidate), words(reference)
    if not c or not r:
        return 0.0
    previous = [0] * (len(r) + 1)
    for cw in c:
        current = [0]
        for j, rw in enumerate(r):
            current.append(previous[j] + 1 if cw == rw else max(previous[j + 1], current[j]))
        previous = current
    lcs = previous[-1]
    if not lcs:
        return 0.0
    precision, recall = lcs / len(c), lcs / len(r)
    return round(2 * precision * recall / (precision + recall), 3)


def _label_words(text: str) -> list[str]:
    return [w for w in re.findall(r"[^\W_]+", text.casefold()) if w not in FUNCTION_WORDS]


def token_f1(a: str, b: str) -> float:
    """Bag-of-words F1 between two short labels ('third-quarter revenue' ~ 'revenue in the third quarter')."""
    wa, wb = _label_words(a), _label_words(b)
    if not wa or not wb:
        return 0.0
    common = sum(min(wa.count(w), wb.count(w)) for w in set(wa))
    if not common:
        return 0.0
    precision, recall = common / len(wa), common / len(wb)
    return round(2 * precision * recall / (precision + recall), 3)


def score_agrees(label: str, score: float) -> bool:
    """Whether a sentiment score sits where its label says: above 0 for positive, below for negative,
    near 0 for neutral, and short of either end for mixed."""
    return {"positive": score > 0, "negative": score < 0, "neutral": abs(score) <= 0.25,
            "mixed": abs(score) < 0.6}.get(label, False)


def nearest_agreeing_score(label: str, score: float) -> float:
    """The nearest score that agrees with ``label`` (``score_agrees``)."""
    if label == "positive":
        return max(abs(score), 0.3)
    if label == "negative":
        return -max(abs(score), 0.3)
    if label == "neutral":
        return max(-0.2, min(0.2, score))
    return max(-0.5, min(0.5, score))


def same_title(found: str | None, gold: str | None) -> bool:
    """A found title matches the gold one, punctuation and case aside."""
    return bool(found and gold) and words(found or "") == words(gold or "")


def repeated_labels(labels: Iterable[str]) -> list[str]:
    """Labels (folded) that more than one figure carries."""
    seen: dict[str, int] = {}
    for label in labels:
        key = label_key(label)
        seen[key] = seen.get(key, 0) + 1
    return [label for label, count in seen.items() if count > 1 and label]
