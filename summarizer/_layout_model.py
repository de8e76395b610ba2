"""A learned layer: a logistic model over line features drops the page chrome the rules leave.

The rules before it know phrases and the shapes of the pages they were written from; on pages from
elsewhere they leave about half of the noise. This layer scores each line the rules kept with a logistic
model over ``_layout_features`` (shape, place, neighbours; no site's words), trained by
``bench/layout_train.py`` on labelled pages of many sites and written below as a table of weights.

It is conservative, as the rest of the cleaner is ("when in doubt, keep"):

- it only removes a line whose probability of being noise is at least ``MODEL.threshold``;
- it never removes a line that reads as prose: ``MODEL.guard_words`` words or more, ending as a sentence,
  with a normal share of function words; the page's last line from ``MODEL.guard_open_words`` words
  without a sentence end (a paragraph the scrape cut off); the lines of a sentence wrapped over several
  (hard line breaks) when together they read as prose. These guards were chosen by
  ``bench/layout_safety.py`` (leaving one site out, body lines' margin to the threshold, under stress);
- it does nothing on a page without a prose line (then it cannot tell where the body is);
- the headline (the first kept line, when it reads as one) is left to the title step.

Removing a line changes its neighbours' features, so the model runs again on what is left until it removes
nothing: cleaning the output again would find nothing more (idempotence). Removed lines get the reason
``layout-model``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from operator import mul

from ._layout_features import NAMES, brief, in_context, key, shape
from ._prose import Line, ends_sentence, function_word_share, is_bullet, stopwords, strip_punctuation

REASON = "layout-model"
_ENDS, _PROSE = NAMES.index("ends_sentence"), NAMES.index("prose")


@dataclass(frozen=True)
class Model:
    weights: tuple[float, ...]  # one per feature, in the order of _layout_features.NAMES
    bias: float
    threshold: float  # the probability of noise from which a line goes
    guard_words: int  # a line of this many words or more that ends as a sentence ...
    guard_function: float  # ... with at least this share of function words is prose: never removed
    keep_facts: bool = True  # a short sentence with a figure the body does not give is never removed either
    guard_open_words: int = 0  # from this many words, such a line is prose without a sentence end too (0: off)
    guard_open_last: bool = False  # ... but only the page's last line (where a scrape cuts a paragraph off)
    guard_wrapped: bool = False  # and so are the lines of a sentence wrapped over several, when the whole is

    def noise(self, row: Sequence[float]) -> float:
        if len(row) != len(self.weights):
            raise ValueError("a row of features has one number for each weight")
        score = self.bias + sum(map(mul, self.weights, row))  # (the same products added in the same order)
        return 1.0 / (1.0 + math.exp(-score)) if score > -30 else 0.0

    def protects(self, text: str, last: bool = False) -> bool:
        """Prose the layer never removes: enough words (fewer when it ends as a sentence; a paragraph the
        scrape cut off does not), and a normal share of function words (among its first words, punctuation
        left on: enough to tell, and a long paragraph costs no more). ``last``: the page's last line. A
        reporter's note that someone would not comment ("Acme declined to comment.") is the story's, however short."""
        if "comment" in text and _NO_COMMENT.search(text) and ends_sentence(text):
            return True
        if ends_sentence(text):
            least = self.guard_words
        elif last or not self.guard_open_last:
            least = self.guard_open_words
        else:
            return False
        if not least or (text.count(" ", 0, _SHARE_CHARS) < least - 1 and text.count(" ") < least - 1):
            return False  # (a paragraph has the spaces among its first words: the rest is not counted)
        words = text[:_SHARE_CHARS].lower().split()
        if len(words) < least and len(text.split()) < least:
            return False
        need, found, stop = self.guard_function * len(words), 0, stopwords()
        for word in words:  # counted until there are enough (prose has them within its first words)
            if word in stop:
                found += 1
                if found >= need:
                    return True
        return found >= need


_SHARE_CHARS = 200
_NO_COMMENT = re.compile(r"\b(?:declined|refused) to comment\b|\bnot (?:immediately )?(?:respond|reply|return \w+)"
                         r"[\w ]{0,40} for comment\b|\bcould not (?:immediately )?be reached for comment\b")
_WRAPPED_WORDS = 4  # a wrapped line is as wide as the page: a label of fewer words is not one
_CURRENCY = "$€£¥₹"
_SAME_WIDTH = 0.25  # lines whose widths differ by at most this share are taken as one wrapped paragraph's


def _continues(line: str, after: str) -> bool:
    """Whether ``after`` goes on with the sentence of ``line`` (a text with hard line breaks): ``line`` has a
    few words and does not end as a sentence, and ``after`` starts in lower case or with a figure (or a
    currency) or is a few words that end the sentence, or ``line`` ends on a comma or a function word, or the
    two are about as wide (a wrapped paragraph's lines are; a heading before a paragraph is not)."""
    if not after or line.count(" ") < _WRAPPED_WORDS - 1 or ends_sentence(line):
        return False
    if after[0].islower() or after[0].isdigit() or after[0] in _CURRENCY or line.endswith(","):
        return True
    if after.count(" ") < _WRAPPED_WORDS - 1 and ends_sentence(after):
        return True  # the last words of the sentence
    return line.rsplit(None, 1)[-1].lower() in stopwords() or \
        abs(len(line) - len(after)) <= _SAME_WIDTH * max(len(line), len(after))


@dataclass
class Memo:
    """What the layer learns of a page's lines that does not change between its calls on that page: the
    prose guard's answer, the own features and the key of each text."""

    guard: dict[str, bool] = field(default_factory=dict)
    shape: dict[str, list[float]] = field(default_factory=dict)
    brief: dict[tuple[str, bool], list[float]] = field(default_factory=dict)
    key: dict[str, str] = field(default_factory=dict)
    settled: tuple[list[int], list[bool]] | None = None  # the lines (ids) and scored flags it last left alone


def guarded(texts: Sequence[str], model: Model, known: dict[str, bool] | None = None) -> list[bool]:
    """Which lines of a sequence the layer never removes: prose (``Model.protects``), and with
    ``guard_wrapped`` the lines of a sentence wrapped over several whose whole is prose. ``known`` keeps
    ``protects``' answers by text."""
    known = {} if known is None else known
    out = []
    for text in texts:
        answer = known.get(text)
        if answer is None:
            answer = known[text] = model.protects(text)
        out.append(answer)
    count = len(texts)
    if count and model.guard_open_last and not out[-1]:
        out[-1] = model.protects(texts[-1], last=True)
    if model.guard_wrapped:
        done = -1  # the last line of the runs looked at
        for index in [index for index, flag in enumerate(out) if not flag]:  # the run of wrapped lines around each
            if index <= done:  # line not yet guarded, once
                continue
            start = end = index
            while start > 0 and _continues(texts[start - 1], texts[start]):
                start -= 1
            while end + 1 < count and _continues(texts[end], texts[end + 1]):
                end += 1
            if end > start and model.protects(" ".join(texts[start:end + 1]), last=end == count - 1):
                out[start:end + 1] = [True] * (end + 1 - start)
            done = end
    return out


def mark_layout(kept: Sequence[Line], skip: Line | None = None, model: Model | None = None,
                memo: Memo | None = None) -> bool:
    """Remove the lines of ``kept`` (those with no reason yet, but ``skip``) the model finds to be noise;
    return whether it removed any. ``memo`` keeps what does not change between calls on one page."""
    model = MODEL if model is None else model
    memo = Memo() if memo is None else memo
    lines = [line for line in kept if line.reason is None and line is not skip]
    # prose that ends as a sentence (the body's lines; a kept line's body flag is is_body_paragraph's answer)
    last = next((index for index in range(len(lines) - 1, -1, -1)
                 if lines[index].body and ends_sentence(lines[index].text)), -1)
    if last < 0:
        return False  # no prose: nothing tells where the body is
    texts = [line.text for line in lines]
    scored = [not flag for flag in guarded(texts, model, memo.guard)]
    if model.keep_facts:
        _protect_facts(lines, scored, last)
        _protect_lists(lines, scored)
        if skip is not None and scored and scored[0] and _standfirst(texts[0]):
            scored[0] = False  # the line under the headline, written as a sentence: the standfirst
    if not any(scored) or memo.settled == ([id(line) for line in lines], scored):
        return False  # nothing to score, or the very lines it found nothing in last time: the same rows
    own = [_own(memo, line.text, line.body, flag) for line, flag in zip(lines, scored, strict=True)]
    keys = [_key(memo, line.text) if flag else "" for line, flag in zip(lines, scored, strict=True)]
    removed = False
    while True:
        rows = in_context(own, keys, scored)
        if not any(row[_PROSE] > 0 and row[_ENDS] > 0 for row in own):
            break  # no prose left: nothing tells where the body is
        going = {index for index, row in enumerate(rows) if row and model.noise(row) >= model.threshold}
        prose = {index for index, row in enumerate(own) if row[_PROSE] > 0 and row[_ENDS] > 0}
        if prose <= going:
            going -= prose  # a page is never emptied of the lines that read as prose: the last of them stay
        if not going:
            break
        for index in going:
            lines[index].reason = REASON
        staying = [index for index in range(len(lines)) if index not in going]
        lines, scored = [lines[index] for index in staying], [scored[index] for index in staying]
        own, keys = [own[index] for index in staying], [keys[index] for index in staying]
        removed = True
    memo.settled = ([id(line) for line in lines], scored)
    return removed


def _own(memo: Memo, text: str, body: bool, scored: bool) -> list[float]:
    """A line's own features (``_layout_features.shapes``), computed once a page: they never change."""
    if scored:
        row = memo.shape.get(text)
        if row is None:
            row = memo.shape[text] = shape(text)
        return row
    row = memo.brief.get((text, body))
    if row is None:
        row = memo.brief[text, body] = brief(text, body)
    return row


def _key(memo: Memo, text: str) -> str:
    found = memo.key.get(text)
    if found is None:
        found = memo.key[text] = key(text)
    return found


# A figure: a currency before digits, or a percentage or a scale word after them
_FIGURE = re.compile(r"(?:[$€£¥₹]|\bRs\.? ?)\d[\d,.]*(?: ?(?:million|billion|trillion|crore|lakh|bn|mn|m)\b)?"
                     r"|\d[\d,.]*(?: ?%| per ?cent\b| (?:million|billion|trillion|crore|lakh)\b)")
_FACT_MIN_WORDS = 5


def _protect_facts(lines: list[Line], scored: list[bool], last: int) -> None:
    """A teaser bullet or a standfirst can hold a fact found nowhere else in the page (issue 14: keep unique
    facts), and so can a last sentence cut off by the scrape: a line before the body's last paragraph or
    just after it, of a few words with a function word among them, that gives a figure no paragraph gives,
    is not scored (``last``: the body's last paragraph). A line in headline case is another story's."""
    candidates = [index for index in range(min(last + 2, len(lines))) if index != last and scored[index]
                  and _FIGURE.search(lines[index].text) and len(lines[index].text.split()) >= _FACT_MIN_WORDS
                  and function_word_share(lines[index].text) and not _headline_cased(lines[index].text)]
    if not candidates:
        return
    body = "\n".join(line.text for line in lines if line.body)
    figures = [_FIGURE.findall(lines[index].text) for index in candidates]
    given = _found_in(body, {figure for found in figures for figure in found})
    for index, found in zip(candidates, figures, strict=True):
        if any(figure not in given for figure in found):
            scored[index] = False


_LEAD_MIN_WORDS, _LEAD_FUNCTION_SHARE = 6, 0.25


def _protect_lists(lines: list[Line], scored: list[bool]) -> None:
    """A list the story introduces with a sentence of its own ("Below is a list of the other firms that filed
    notices:"), or one with a paragraph of the story among its items, is the story's: its items ("- Acme Foods.
    168 job cuts by 8/10.", "- Each shareholder will receive: 1,700 pence in cash") are not scored, short and
    sentence-less as they are. An item may introduce the items under it ("- The price represents a premium of:").
    Items in headline case are another list (related stories) and stay scored."""
    lead = False
    run: list[int] = []  # the list's items so far
    for index, line in enumerate(lines):
        text = line.text.strip()
        if not text:
            continue
        if is_bullet(text):
            run.append(index)
            if lead and scored[index] and not _headline_cased(text):
                scored[index] = False
            lead = lead or _introduces(text)
            continue
        _protect_run(lines, scored, run)
        run = []
        lead = _introduces(text)
    _protect_run(lines, scored, run)


def _introduces(text: str) -> bool:
    return text.endswith(":") and len(text.split()) >= _LEAD_MIN_WORDS \
        and function_word_share(text) >= _LEAD_FUNCTION_SHARE


def _protect_run(lines: list[Line], scored: list[bool], run: list[int]) -> None:
    """A list with a paragraph of the story among its items (one that ends as a sentence): the others are the
    story's items too."""
    if any(lines[index].body and ends_sentence(lines[index].text) for index in run):
        for index in run:
            if scored[index] and not _headline_cased(lines[index].text):
                scored[index] = False


_HEADLINE_MIN_WORDS, _HEADLINE_TITLE_SHARE = 4, 0.7


def _headline_cased(text: str) -> bool:
    """Most words capitalised ("- Rail Firm Shares Soar 10% on Rs 837 Crore Order"): the headline of another
    story linked from the page, whose figure is that story's, not a fact this one left out."""
    words = [word for word in text.split() if word[0].isalpha()]
    return len(words) >= _HEADLINE_MIN_WORDS and \
        sum(1 for word in words if word[0].isupper()) >= _HEADLINE_TITLE_SHARE * len(words)

_LONG_SEARCH = 1 << 22  # characters searched (the body's length times the figures): beyond it, one pass


def _found_in(text: str, strings: set[str]) -> set[str]:
    """Which of ``strings`` occur in ``text``. On a long input (a whole site in one text has thousands of
    figures and megabytes of body) one pass of a pattern that reads the strings as a tree of their characters
    finds at each place the longest one that starts there; the shorter ones that start there are its prefixes."""
    if not strings or "" in strings or len(text) * len(strings) <= _LONG_SEARCH:
        return {string for string in strings if string in text}
    tree: _Tree = {}
    for string in strings:
        node = tree
        for char in string:
            node = node.setdefault(char, {})
        node[""] = {}  # a string ends here
    lengths = sorted({len(string) for string in strings})
    found: set[str] = set()
    # (in a lookahead, so that the matches overlap: one at each place a string starts, found in one call; each
    # longest string is then read once, however often it occurs)
    for longest in set(re.findall(f"(?=({_longest(tree)}))", text)):
        found.update(longest[:size] for size in lengths if size <= len(longest) and longest[:size] in strings)
    return found


_Tree = dict[str, "_Tree"]  # a character -> what follows it ("" -> {}: a string ends there)


def _longest(node: _Tree) -> str:
    """A pattern that matches the longest string of a tree of characters (each branch tried before ending)."""
    branches = [re.escape(char) + _longest(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    inner = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{inner})?" if "" in node else inner


_STANDFIRST_MAX_TITLE_SHARE = 0.5
_STANDFIRST_MIN_WORDS = 3


def _standfirst(text: str) -> bool:
    """A sentence under the headline that sums up the story: a few words, function words among them, most
    words in lower case (a byline or a menu is in title case), no link and no bar."""
    if "|" in text or "www." in text or "http" in text:
        return False
    words = text.split()
    return len(words) >= _STANDFIRST_MIN_WORDS and \
        sum(1 for word in words if word[:1].isupper()) <= _STANDFIRST_MAX_TITLE_SHARE * len(words) and \
        not stopwords().isdisjoint(strip_punctuation(text.lower()).split())  # a function word


# Written by bench/layout_train.py --write:
# 127 tuning pages, 37 team pages; l2=1.0, unlabelled=0.0 chosen by leave-one-site-out CV.
MODEL = Model(
    weights=(
        -13.227589,  # words
        -2.224105,  # short
        -6.575430,  # ends_sentence
         5.481496,  # ends_colon
         3.032364,  # ends_question
        -1.063374,  # function_share
         1.076171,  # title_share
         1.209697,  # all_caps
        -4.659375,  # digit_share
         20.387760,  # symbol_share
         6.074461,  # link
         7.075030,  # bar
         2.191247,  # bullet
         3.818936,  # bracketed
        -0.945141,  # date
         1.643099,  # sentences
         0.137131,  # lower_start
        -0.388931,  # prose
         0.281946,  # position
         0.791425,  # before_body
        -1.288886,  # after_body
        -3.428363,  # body_distance
         3.768915,  # repeated
        -0.415214,  # prev_prose
        -0.529403,  # prev_ends
        -0.817867,  # prev_words
        -0.536761,  # next_prose
        -0.863460,  # next_ends
        -0.414980,  # next_words
        -0.590463,  # prev2_prose
        -0.594031,  # next2_prose
        -0.226982,  # first
         0.551781,  # last
         0.370094,  # short_open
        -2.439648,  # open_after_body
        -3.646749,  # open_before_body
         2.019713,  # title_open
    ),
    bias=17.193833,
    threshold=0.9,
    guard_words=6,
    guard_function=0.15,
    keep_facts=True,
    guard_open_words=10,
    guard_open_last=True,
    guard_wrapped=True,
)
