"""Prompt injection in an article: sentences addressed to an AI model rather than to readers.

The cleaner cuts them from the article before any model sees it (reason "prompt-injection").
"""

from __future__ import annotations

import re

# A sentence addressed to an AI model rather than to readers: cut from the article before any model sees it.
_INJECTION_TRIGGER = (
    r"(?:ignore|disregard|forget|override|bypass)\s+(?:all\s+|any\s+)?(?:of\s+)?(?:the\s+|your\s+)?"
    r"(?:previous|prior|above|earlier|preceding|former|original|system)?\s*(?:instructions|prompts?|rules|directions"
    r"|guidelines)"
    r"|\b(?:note|message|instructions?|attention)\s+(?:to|for)\s+(?:any\s+|the\s+|all\s+)?(?:ai|llm|language model"
    r"|assistant|chatbot|summari[sz]er|bot)s?\b"
    r"|\byou are now\b|\bsystem prompt\b|\b(?:respond|reply|answer|output) only with\b"
    r"|\bif you are an? (?:ai|llm|language model|assistant)\b"
)
INJECTION_TRIGGER = re.compile(_INJECTION_TRIGGER, re.I)
_SENTENCE_END = re.compile(r"[.!?]+")


class Span:
    """Where a finder's match is, as a regex match says it (start(), end())."""

    def __init__(self, start: int, end: int) -> None:
        self._start, self._end = start, end

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end


class _InjectionFinder:
    """Finds the whole sentence around a trigger (a plain regex with '.*' around it would backtrack badly)."""

    def search(self, text: str) -> Span | None:
        trigger = INJECTION_TRIGGER.search(text)
        if trigger is None:
            return None
        start = max(text.rfind(mark, 0, trigger.start()) for mark in ".!?")
        start = 0 if start < 0 else start + 1
        end_mark = _SENTENCE_END.search(text, trigger.end())
        end = end_mark.end() if end_mark else len(text)
        while start < end and text[start] == " ":
            start += 1
        return Span(start, end)


INJECTION = _InjectionFinder()
# Every trigger above contains one of these, so lines without them skip the regex.
INJECTION_WORDS = ("ignore", "disregard", "forget", "override", "bypass", "note to", "note for", "message to",
                   "message for", "instruction", "attention to", "attention for", "you are now", "system prompt",
                   "only with", "if you are a")
INJECTION_HINT = re.compile("|".join(map(re.escape, INJECTION_WORDS)))  # searched in lower-cased text
# Fewer pieces to look for in a whole text: each of the words above has one of them (a word added without one
# is looked for whole).
_PIECES = ("ignore", "disregard", "forget", "override", "bypass", "note ", "message ", "instruction", "attention ",
           "you are ", "system prompt", "only with")
INJECTION_PIECES = _PIECES + tuple(word for word in INJECTION_WORDS if not any(piece in word for piece in _PIECES))
