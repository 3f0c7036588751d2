"""Line rules that take scraping leftovers out of article text.

Each rule matches a *whole line* (or the tail of a line after its last real sentence), never a word
inside prose: "He declined to reply." or "Japan's share of the budget" stay. Rules are anchored,
capped in length, and most refuse lines that end like a sentence, because a false removal silently
deletes reporting while a missed leftover is merely visible noise.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..model import Removed

CAPTION = "photo caption/credit"
COMMENT = "comment prompt"
COPYRIGHT = "copyright line"
SHARE = "share/subscribe prompt"
NAVIGATION = "mobile/navigation leftover"
READ_MORE = "read more link"
ADVERT = "advertisement"
BYLINE = "byline/dateline"
COOKIES = "cookie notice"

_I = re.IGNORECASE
_END = r"[\s.!:;|»›>•·-]*$"  # stray punctuation leftovers end with
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
_YEAR = r"(?:19|20)\d{2}"


@dataclass(frozen=True)
class Rule:
    reason: str
    pattern: re.Pattern[str]
    max_words: int
    prose_ok: bool = True  # False: refuse lines ending in sentence punctuation
    tail_ok: bool = False  # may also match the end of a line, after its last sentence


def _rule(reason: str, regex: str, max_words: int, flags: int = _I, **kw: bool) -> Rule:
    return Rule(reason, re.compile(regex, flags), max_words, **kw)


_SHARE_WORDS = (
    r"share|tweet|email|e-mail|print|facebook|twitter|x|linkedin|whatsapp|reddit|telegram"
    r"|pinterest|messenger|copy link|flipboard"
)
_CREDIT_AGENCY = (
    r"(?:getty images|reuters(?:/[^/]{1,40})?|afp(?: via getty images)?|ap photo/[^/]{1,40}"
    r"|epa(?:-efe)?(?:/[^/]{1,40})?|shutterstock|freepik|unsplash|pexels)"
)

# Caption text holds no sentence boundary ("Jan. 31" is the price of being conservative).
_CAPTION_TEXT = r"(?:[^©.!?…]|[.!?…](?!\s))*[^©.!?…\s\"”’)/|–—-]"

RULES: tuple[Rule, ...] = (
    _rule(COPYRIGHT, rf"^(?:©|\(c\))\s*{_YEAR}.*$", 15, tail_ok=True),
    _rule(COPYRIGHT, rf"^copyright\s*(?:©|\(c\)|{_YEAR}).*$", 15, tail_ok=True),
    # "© The Marrowport Ledger 2025": a name (capitalised words) and a year. Case-sensitive, so
    # "Copyright claims against the studio doubled in 2023." is a sentence, not a notice.
    _rule(
        COPYRIGHT,
        rf"^(?:©|\([cC]\)|[Cc]opyright|COPYRIGHT)\s+(?:[A-Z0-9][\w.&'’-]*,?\s+){{1,6}}{_YEAR}\b{_END}",
        12,
        flags=0,
        tail_ok=True,
    ),
    # At most one short sentence (the owner's name) before "All rights reserved".
    _rule(COPYRIGHT, r"^(?:[^.!?]*[.!?]\s*)?all rights reserved" + _END, 15, tail_ok=True),
    _rule(
        CAPTION,
        r"^(?:photo|photograph|image|picture|illustration|credit|photo credit)s?\s*:.*$",
        25,
    ),
    # A credit in parentheses, after caption text ("Hayashi in Tokyo (Photo: Reuters)"); after
    # a real sentence only the credit goes (a tail), and a parenthetical that ends like a
    # sentence ("(Photos were taken by residents.)") is reporting.
    _rule(
        CAPTION,
        rf"^(?:{_CAPTION_TEXT}\s*)?\((?:[a-z]+\s)?(?:photo|image|picture|credit|foto)s?\b"
        r"[^()]{0,80}(?<![.!?])\)\s*$",
        30,
        tail_ok=True,
    ),
    # A caption is a label, not a sentence: the text before the credit must not end like one.
    # After a real sentence, only the credit itself goes (via the tail rules).
    _rule(
        CAPTION,
        rf"^(?:{_CAPTION_TEXT})?\s*(?:[/|–—-]\s*)?©\s*[^©]{{1,60}}$",
        30,
        prose_ok=False,
        tail_ok=True,
    ),
    _rule(
        CAPTION,
        rf"^(?:{_CAPTION_TEXT})?\s*(?:[/|–—-]\s*)?{_CREDIT_AGENCY}\s*$",
        30,
        prose_ok=False,
        tail_ok=True,
    ),
    _rule(
        COMMENT,
        r"^(?:leave a (?:reply|comment|response)|post a comment|add (?:a )?comment"
        r"|write a comment|\d+\s+comments?|no comments(?: yet)?|(?:show |view )?comments?"
        r"(?:\s*\(\d+\))?|join the (?:conversation|discussion)|cancel reply)" + _END,
        6,
        tail_ok=True,
    ),
    _rule(
        COMMENT,
        r"^(?:you must be logged in to post a comment|your email address will not be"
        r" published).*$",
        25,
    ),
    _rule(SHARE, rf"^(?:(?:{_SHARE_WORDS})\b[\s|/,·•:]*)+$", 12, tail_ok=True),
    _rule(SHARE, r"^share (?:this|on|via|to|the (?:story|article|post|page|link))\b.*$", 8),
    _rule(SHARE, r"^subscribe\b(?:\s+(?:now|today|to|for|here)\b.*)?$", 15),
    _rule(
        SHARE,
        r"^sign up\b.*\b(?:newsletters?|e-?mails?|alerts?|updates|briefings?|digest"
        r"|free|account|today|now)\b.*$",
        20,
    ),
    _rule(SHARE, r"^(?:get|receive) (?:our|the) .*\bnewsletters?\b.*$", 20),
    _rule(SHARE, r"^follow us(?:\s+(?:on|at|via|for)\b.*|\s*[:@].*)?$", 12),
    _rule(
        COOKIES,
        r"^(?:we use cookies|this (?:web)?site uses cookies|by (?:using|continuing)\b.*cookies)"
        r".*\b(?:experience|our (?:web)?site|this (?:web)?site|browsing|consent|you agree"
        r"|continuing|accept|privacy|personali[sz]e|analytics)\b.*$",
        45,
    ),
    _rule(
        COOKIES,
        r"^(?:(?:accept|reject|allow|decline|refuse)(?: all)?(?: cookies)?|(?:manage|customi[sz]e)"
        r" (?:cookies|cookie (?:preferences|settings)|(?:privacy|consent) (?:preferences"
        r"|settings))|cookie (?:settings|preferences|policy|consent)|(?:allow|accept) all)" + _END,
        4,
    ),
    _rule(
        NAVIGATION,
        r"^(?:exit mobile version|skip to (?:main )?content|back to top|scroll to top"
        r"|toggle navigation|(?:main |open |close )?menu|search|home|go to homepage)" + _END,
        5,
        tail_ok=True,
    ),
    _rule(NAVIGATION, r"^(?:next|previous|prev)\s+(?:post|article|story)\b.*$", 25, prose_ok=False),
    _rule(
        READ_MORE,
        r"^(?:read more|read also|also read|read next|related(?: articles| stories"
        r"| news| posts| coverage| content)?|see also|more from [\w ]{1,30}|recommended"
        r"(?: for you)?|you may also like|most popular|trending(?: now)?"
        r"|more on this (?:story|topic))(?:\s*[:»›>|–—-].*)?" + _END,
        30,
    ),
    _rule(READ_MORE, r"^click here (?:to|for)\b.*$", 20),
    _rule(
        ADVERT,
        r"^(?:advertisement|advertising|ad|sponsored(?: content| post)?|paid content"
        r"|(?:story|article) continues below(?: advertisement)?|continue reading below"
        r"|scroll to continue(?: with content)?)"
        r"(?:\s*[-–—|:]\s*(?:scroll to continue(?: with content)?|continue reading(?: below)?"
        r"|(?:story|article) continues below))?" + _END,
        5,
        tail_ok=True,
    ),
    # Case-sensitive: a byline is "By" plus capitalised names, not "By Wednesday, the talks..."
    _rule(
        BYLINE,
        r"^By [A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|and|&|de|van|von)|,)*"
        r"(?:\s*[|–—-]\s*[\w .&'-]{1,40})?$",
        12,
        flags=0,
        prose_ok=False,
    ),
    _rule(
        BYLINE,
        r"^(?:updated|published|posted|last updated)(?: on| at)?\s*:?\s.*\d.*$",
        14,
        prose_ok=False,
    ),
    # Wire credits: "(Reporting by Kiyoshi Takenaka; Editing by Tom Hogue)".
    _rule(
        BYLINE,
        r"^\((?:additional )?(?:reporting|writing|editing)(?: and (?:writing|editing))? by\b"
        r"[^()]*\)" + _END,
        40,
        tail_ok=True,
    ),
    _rule(NAVIGATION, r"^tags?\s*:.*$", 25, prose_ok=False),
    _rule(
        NAVIGATION,
        r"^(?:listen to (?:this|the) (?:article|story)(?:\s*[·•|:-].*)?"
        r"|\d{1,3}\s*min(?:ute)?s?\s+read)" + _END,
        10,
    ),
)

_TAIL_RULES = tuple(r for r in RULES if r.tail_ok)
_MAX_RULE_WORDS = max(r.max_words for r in RULES)
_MAX_TAIL_CHARS = 400
# Where a new sentence may start inside a line: after sentence punctuation and spaces.
_BOUNDARY = re.compile(r"(?<=[.!?…\"”’)])\s+(?=\S)")


def _matches(rule: Rule, line: str, words: int) -> bool:
    if words > rule.max_words:
        return False
    if not rule.prose_ok and _SENTENCE_END.search(line):
        return False
    return rule.pattern.match(line) is not None


def classify_line(line: str, rules: tuple[Rule, ...] = RULES) -> str | None:
    """The reason a whole (stripped) line is boilerplate, or None when it is article text."""
    # Leftovers are short; counting words once also keeps the regexes off long paragraphs.
    words = len(line.split(None, _MAX_RULE_WORDS + 1))
    if words > _MAX_RULE_WORDS:
        return None
    for rule in rules:
        if _matches(rule, line, words):
            return rule.reason
    return None


def split_tail(line: str) -> tuple[str, Removed] | None:
    """Split a leftover glued after the line's last real sentence ("... stability. Leave a Reply").

    Tails are tried from the shortest up and grown one sentence at a time while they still match,
    so a two-sentence notice ("© 2026 X. All rights reserved.") goes whole but the growth stops
    at the first real sentence.
    """
    best: tuple[str, Removed] | None = None
    # Only the end of the line can hold a tail; scanning all of a long paragraph is quadratic.
    window = max(0, len(line) - _MAX_TAIL_CHARS)
    for match in reversed(list(_BOUNDARY.finditer(line, window))):
        head, tail = line[: match.start()], line[match.end() :]
        reason = classify_line(tail, _TAIL_RULES)
        if reason is None:
            if best is not None:
                break
            continue
        if _SENTENCE_END.search(head):
            best = head, Removed(tail, reason)
    return best


def remove_boilerplate(text: str) -> tuple[str, list[Removed]]:
    """Text without leftover lines, and what was removed, in order."""
    kept: list[str] = []
    removed: list[Removed] = []
    for line in text.split("\n"):
        stripped = line.strip()
        if not stripped:
            continue
        reason = classify_line(stripped)
        if reason is not None:
            removed.append(Removed(stripped, reason))
            continue
        split = split_tail(stripped)
        if split is not None:
            stripped = split[0]
            removed.append(split[1])
        kept.append(stripped)
    return "\n".join(kept), removed


_PUBLISHER = re.compile(
    rf"(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:{_YEAR}(?:\s*[-–]\s*{_YEAR})?\s*,?\s*)?"
    r"(?P<name>[^.,|©]+?)\s*(?:[.,|]|\ball rights reserved|$)",
    _I,
)


def publisher(copyright_line: str) -> str | None:
    """The publisher a copyright notice names ("© 2026 Newsmax. All rights ..." -> "Newsmax")."""
    match = _PUBLISHER.search(copyright_line)
    if match is None:
        return None
    name = re.sub(rf"\s*\b{_YEAR}\b\s*", " ", match.group("name")).strip(" -–")
    words = name.split()
    if not words or len(words) > 6 or not name[0].isupper():
        return None
    if name.lower() in {"all rights reserved", "copyright"}:
        return None
    return name


_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_MOJIBAKE_MARKERS = ("â€", "Ã©", "Ã¨", "Ã¢", "Ã¶", "Ã¼", "Ã¤", "Ã±", "Ã³", "Ã¡", "Ã­")


def _fix_mojibake(text: str) -> str:
    # Only the common, cheap case: UTF-8 bytes that were decoded as cp1252 once.
    if not any(marker in text for marker in _MOJIBAKE_MARKERS):
        return text
    try:
        return text.encode("cp1252").decode("utf-8")
    except UnicodeError:
        return text


def normalise_whitespace(text: str) -> str:
    """NFC, no invisible characters, single spaces, one newline between paragraphs, stripped."""
    text = _fix_mojibake(unicodedata.normalize("NFC", text)).translate(_INVISIBLE)
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)
