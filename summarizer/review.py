"""A drafted answer checked against the article it is about.

The validation context (a dict passed to pydantic) carries the article ("article"), the text the cleaner removed
("removed"), the article's numbers ("candidates") and "lenient" once the re-asks have run out; the checks here
read it and add what they repaired to its "warnings".
"""

from __future__ import annotations

import itertools
import re
from typing import Any

from pydantic import BaseModel, ValidationInfo

from . import quality, trim

# A summary is two or three sentences and at most 70 words: a longer one keeps its first sentences, but not fewer
# than two unless those two are over 80 words (one sentence is a headline, not a summary).
MAX_SUMMARY_SENTENCES = 3
MAX_SUMMARY_WORDS = 70
MAX_TWO_SENTENCE_WORDS = 80
MAX_COPIED_WORDS = 20  # a longer run lifted verbatim from the article is a copy, not a summary (a warning)



def context_of(info: ValidationInfo) -> dict[str, Any]:
    return info.context if isinstance(info.context, dict) else {}


def warn(info: ValidationInfo, message: str) -> None:
    context_of(info).setdefault("warnings", []).append(message)


def is_name(text: str) -> bool:
    """A proper name (Alibaba, ETH, S&P 500), not a common noun such as 'company'."""
    return any(c.isupper() or c.isdigit() for c in text.strip())


_QUOTES = str.maketrans("“”’‘–—", "\"\"''--")


def fold(text: str) -> str:
    """Compare quotes loosely: case, spacing and typographic quotes do not matter."""
    text = text.translate(_QUOTES)
    return " ".join(text.split()).casefold()



MAX_SENTENCE_CHARS = 300  # the longest summary item the schema (and so the embedded model's grammar) allows
_LIMIT_REACH = 12  # an item this close to the limit, with no stop at its end, was closed by it


class SummaryReview:
    """The checks of ``quality`` applied to a drafted summary: each fault repaired (the sentence dropped, or
    named in the warnings); the reasons are what a re-ask says when no sound sentence is left."""

    def __init__(self, article: str, context: dict[str, Any]) -> None:
        self.article, self.context = article, context
        title = context.get("title")
        self.shown = quality.shown(article, title if isinstance(title, str) else None)
        self.reasons: list[str] = []  # every fault, in words the model can act on
        self.warnings: list[str] = []  # what was repaired

    def _fault(self, problem: str, repair: str) -> None:
        self.reasons.append(problem)
        self.warnings.append(repair)

    def sentences(self, sentences: list[str]) -> list[str]:
        kept = []
        for sentence in sentences:
            if len(sentence.split()) < 3:  # a stray number or heading, not worth a re-ask: dropped
                self.warnings.append(f"dropped summary fragment {sentence!r}")
                continue
            sentence = self._about_the_answer_dropped(self._grounded(sentence))
            if sentence:
                sentence = self._cut_end_dropped(self._single_words_dropped(sentence))
            if sentence and self._sound(sentence):
                kept.append(self._trimmed(sentence))
        return self._headline_dropped(kept)

    def _headline_dropped(self, kept: list[str]) -> list[str]:
        """A sentence that is the article's headline ("Loonie Falls Below 75 Cents U.S. After ...", in its title
        case) goes when two sentences are left, the first not opening with a pronoun: the title is shown on its own.
        With one left, the headline stays: one sentence is no summary, and may lack the story's main fact."""
        title = self.context.get("title")
        if not isinstance(title, str) or len(kept) < 3:
            return kept
        headline = fold(title).rstrip(".!? ")
        others = [sentence for sentence in kept if fold(sentence).rstrip(".!? ") != headline]
        if 2 <= len(others) < len(kept) and quality.unresolved_opener(others) is None:
            self.warnings.append(f"dropped a summary sentence that repeats the headline: {title!r}")
            return others
        return kept

    def _cut_end_dropped(self, item: str) -> str:
        """An item of several sentences whose last one is cut off keeps the whole ones before it. The grammar
        closes an item at 300 characters: the embedded model wrote three good sentences into one item, the third
        cut there, and the whole item was dropped with them. An item the limit closed without a stop is cut off
        however its last words read: with four characters left the grammar let "gray" through, not " gray", and
        the item ended "... will be available ingray"."""
        at_limit = len(item) >= MAX_SENTENCE_CHARS - _LIMIT_REACH and not quality.WHOLE_END.search(item.rstrip())
        if not at_limit and not quality.broken_reason(quality.as_sentence(item)):
            return item
        for end in reversed(quality.sentence_ends(item)):
            head, tail = item[:end], item[end:].strip()
            if not quality.broken_reason(head):
                self.warnings.append(f"dropped the cut-off end of a summary item: {tail!r}")
                return head
        if at_limit:  # one sentence, cut off
            self._fault(f"the summary sentence {_quote(item)} was cut off at {MAX_SENTENCE_CHARS} characters; write "
                        "shorter sentences", f"dropped a summary item the length limit cut off: {item!r}")
            return ""
        return item

    def _about_the_answer_dropped(self, item: str) -> str:
        """``item`` without its sentences that list the answer's parts instead of the article's news ("The key
        figures are: ...", "The entities are: ..."): the embedded model wrote them on a short real page."""
        if not item:
            return item
        kept = []
        for part in quality.split_sentences(item):
            if not quality.about_the_answer(part):
                kept.append(part)
                continue
            self._fault(f"the summary sentence {_quote(part)} describes the answer, not the article; say what "
                        "the article reports", f"dropped a summary sentence about the answer itself: {part!r}")
        return " ".join(kept)

    def _single_words_dropped(self, item: str) -> str:
        """An item's one-word 'sentences' ("... Rs. 261.85 apiece. Veteran. KV Kamath has been appointed ..."):
        what the word belonged to is missing; the whole sentences around it stay."""
        if " " not in item:
            return item
        parts = quality.split_sentences(item)
        kept = [part for part in parts if quality.broken_reason(quality.as_sentence(part)) != quality.SINGLE_WORD]
        if not kept or len(kept) == len(parts):
            return item
        self.warnings.append(f"dropped a one-word fragment from a summary item: {item!r}")
        return " ".join(kept)

    def _invented(self, text: str) -> list[str]:
        known = known_numbers(self.shown, self.context)
        return [m.raw for m in article_numbers(text) if m.raw not in self.shown and (m.value, m.unit) not in known]

    def _grounded(self, item: str) -> str:
        """``item`` without its sentences that state a number the article does not give ('a decline of 1.2%'
        for '1.2 percentage points'). Dropped, not re-asked: greedy decoding gave the same answer to both
        re-asks on the eval set. A summary with nothing else left is re-asked with the reason."""
        if not self._invented(item):
            return item
        whole = []
        for part in quality.split_sentences(item):
            invented = self._invented(part)
            if not invented:
                whole.append(part)
                continue
            self._fault(f"the summary states {invented[0]!r}, which is not in the article; use only numbers that "
                        "the article gives", f"dropped summary sentence with {invented[0]!r}, a number not in the "
                        f"article: {part!r}")
        return " ".join(whole)

    def _sound(self, sentence: str) -> bool:
        """Whether ``sentence`` stays; its faults are recorded either way."""
        broken = quality.broken_reason(quality.as_sentence(sentence))  # judged as it will be shown
        foreign = quality.foreign_script(sentence, self.shown)
        names = quality.unknown_names(sentence, self.shown)
        if broken:
            self._fault(f"the summary sentence {_quote(sentence)} {broken}; write each sentence whole",
                        f"dropped summary sentence that {broken}: {sentence!r}")
        elif foreign:
            self._fault(f"the summary has characters that are not in the article ({foreign!r}); write in the "
                        "article's language", f"dropped summary sentence with {foreign!r}, not in the article")
        elif names:
            self._fault(f"the summary names {names[0]!r}, which the article never mentions; use only names from "
                        "the article", f"dropped summary sentence naming {names[0]!r}, not in the article")
        else:
            return True
        return False

    def _trimmed(self, sentence: str) -> str:
        """``sentence`` (an item: it may hold several) with each sentence that copies more than
        ``MAX_COPIED_WORDS`` of the article in a row shortened by ``trim``; a copy still that long is named in the
        warnings."""
        parts = []
        for part in quality.split_sentences(sentence):
            if (undated := trim.without_dateline(part)) != part:
                self.warnings.append(f"dropped a dateline from a summary sentence: {part[:len(part) - len(undated)]!r}")
                part = undated
            trimmed = trim.trim(part, self.article, MAX_COPIED_WORDS)
            if trimmed.cuts:
                self.warnings.append(f"shortened a summary sentence copied from the article (cut: "
                                     f"{', '.join(trimmed.cuts)}): {part!r}")
            if trimmed.copied > MAX_COPIED_WORDS:
                self._fault(f"the summary sentence {_quote(trimmed.text)} copies {trimmed.copied} words in a row "
                            "from the article; say it shorter, in your own words", f"a summary sentence copies "
                            f"{trimmed.copied} words in a row from the article")
            parts.append(trimmed.text)
        return " ".join(parts)

    def whole(self, items: list[str]) -> list[str]:
        """Checks across sentences (an item may hold several): repeats, an opening pronoun, the word budget."""
        sentences = [part for item in items for part in quality.split_sentences(item)]
        gone: set[int] = set()
        for i, j in quality.duplicated(sentences):
            if i in gone or j in gone:
                continue
            a, b = quality.words(sentences[i]), quality.words(sentences[j])
            # the shorter start goes, or the one whose numbers the other tells and more; else the repeat
            drop = i if (len(a) < len(b) and quality.starts(a, b)) or \
                quality.numbers_of(a) < quality.numbers_of(b) else j
            gone.add(drop)
            self._fault(f"the summary says {_quote(sentences[drop])} twice; give each fact once",
                        f"dropped a repeated summary sentence: {sentences[drop]!r}")
        sentences = [sentence for index, sentence in enumerate(sentences) if index not in gone]
        opener = quality.unresolved_opener(sentences)
        if opener:
            self._fault(f"the summary opens with {opener!r}; name the company or subject instead",
                        f"the summary opens with {opener!r}")
        if len(sentences) > MAX_SUMMARY_SENTENCES:
            self.warnings.append(f"the summary had {len(sentences)} sentences; kept its first "
                                 f"{MAX_SUMMARY_SENTENCES}")
            sentences = sentences[:MAX_SUMMARY_SENTENCES]
        count = sum(len(s.split()) for s in sentences)
        if count > MAX_SUMMARY_WORDS:
            while len(sentences) > 1 and sum(len(s.split()) for s in sentences) > (
                    MAX_SUMMARY_WORDS if len(sentences) > 2 else MAX_TWO_SENTENCE_WORDS):
                sentences = sentences[:-1]
            self._fault(f"the summary has {count} words; write 2 or 3 short sentences", f"the summary had {count} "
                        f"words; kept its first {len(sentences)} sentence(s)")
        return sentences


def opening_sentences(article: str) -> list[str]:
    """The article's own first sentences as a stand-in summary: the first two (or the first alone when the two
    are over ``MAX_TWO_SENTENCE_WORDS``), skipping lines that are no sentence (a heading, a caption). Used when
    no sentence of the model's summary is sound after the re-asks: a reader still gets what the story says, in
    its words, and the figures and sentiment are not thrown away with it."""
    chosen: list[str] = []
    for paragraph in article.splitlines():
        paragraph = paragraph.strip()
        bounds = [0, *quality.sentence_ends(paragraph), len(paragraph)]
        for start, end in itertools.pairwise(bounds):
            sentence = paragraph[start:end].strip()
            if len(sentence.split()) >= 5 and not quality.broken_reason(sentence):
                if chosen and sum(len(s.split()) for s in [*chosen, sentence]) > MAX_TWO_SENTENCE_WORDS:
                    return chosen
                chosen.append(sentence)
                if len(chosen) == 2:
                    return chosen
    return chosen


def _quote(sentence: str, limit: int = 60) -> str:
    return repr(sentence if len(sentence) <= limit else sentence[:limit].rsplit(" ", 1)[0] + " ...")


def valid_only(items: list[Any], model: type[BaseModel], context: dict[str, Any], what: str) -> list[Any]:
    """The items that validate; each one dropped is named in the warnings."""
    kept = []
    for item in items:
        try:
            model.model_validate(item, context=context)
        except ValueError as exc:
            context.setdefault("warnings", []).append(f"dropped {what}: {first_error(exc)}")
        else:
            kept.append(item)
    return kept


_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+[\"'”’)]*|$)")
_WORD = re.compile(r"[\w$€£%.,-]+")


QUOTE_START_WORDS = 4  # a quote this long that starts one of the article's sentences stands for the whole sentence


def article_sentences(article: str) -> list[str]:
    """The article's sentences, line by line (``quality.split_sentences``: "U.S." and "$3.87" end none)."""
    return [sentence for line in article.splitlines() for sentence in quality.split_sentences(line)]


def ground_quote(quote: str, article: str, threshold: float = 0.6) -> str | None:
    """The article text a quote stands for: the whole sentence when the quote is the start of one (at least
    ``QUOTE_START_WORDS`` words: the embedded model quotes a sentence by its first words), itself when verbatim,
    else the sentence sharing most of its words.

    Returns None when no sentence holds at least ``threshold`` of the quote's words.
    """
    folded_quote = fold(quote).strip(" .\"'")
    if not folded_quote:
        return None
    if len(folded_quote.split()) >= QUOTE_START_WORDS:
        started = next((s for s in article_sentences(article) if fold(s).startswith(folded_quote)), None)
        if started is not None:
            return started
    index = fold(article).find(folded_quote)
    if index >= 0 and article.find(quote.strip()) >= 0:
        return quote.strip()
    words = {w.strip(".,") for w in _WORD.findall(folded_quote) if len(w.strip(".,")) > 2}
    if not words:
        return None
    best, best_score = None, 0.0
    for match in _SENTENCE.finditer(article):
        sentence = match.group().strip()
        have = {w.strip(".,") for w in _WORD.findall(fold(sentence))}
        score = len(words & have) / len(words)
        if score > best_score:
            best, best_score = sentence, score
    return best if best_score >= threshold else None


def first_error(exc: ValueError) -> str:
    errors = getattr(exc, "errors", None)
    if callable(errors):
        first = errors()[0]
        return str(first.get("msg", exc)).removeprefix("Value error, ")
    return str(exc)


def article_numbers(text: str) -> list[Any]:
    from .figures import find_numbers

    return find_numbers(text)


def known_numbers(article: str, context: dict[str, Any]) -> set[tuple[float, str]]:
    known = context.get("_known")
    if known is None:
        known = set()
        for mention in article_numbers(article):
            known.add((mention.value, mention.unit))
            if mention.converted is not None:
                known.add((mention.converted.value, mention.converted.unit))
        context["_known"] = known
    return known
