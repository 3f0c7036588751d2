"""Per-article signals for story similarity: embeddings, entity keys, publication time.

An article is reduced once, when it arrives, to an `ArticleSignals` record; everything the
similarity judgement and the clusterer need afterwards is in it, so a stream of articles never has
to be re-parsed and the store can persist the record as plain data.

- `lead`: multilingual USE embedding of the title plus the lead (the first sentences, up to
  `_LEAD_WORDS` words). The title and lead say what the story is; USE maps translations close
  together, so this is what carries cross-lingual matching.
- `body`: USE embedding of the first `_BODY_WORDS` words of the text as one input. On the train
  half of the SemEval-2022 pairs it added to the lead (benchmarks/stories.py, --explore), and it
  costs one embedding per article, where a mean of sentence embeddings costs one per sentence.
- `entities`: lowercased, accent-free name tokens. English text goes through spaCy's NER; other
  languages with letter case use capitalised tokens that do not start a sentence (a heuristic:
  German capitalises every noun); caseless scripts (Chinese, Arabic, ...) get none, which the
  similarity treats as "unknown", not as "no overlap".
- `time`: publication time in days since the Unix epoch (UTC), or None when unknown or unparsable.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

import numpy as np

from ..model import Article
from ..nlp.models import REPAIRS, detect_language, embedder, spacy_pipeline
from ..options import DEFAULT_OPTIONS, Options

_LEAD_SENTENCES = 3
_LEAD_WORDS = 80
_BODY_WORDS = 200
# CJK text has no spaces: count characters instead, about two per English word.
_CJK_CHARS_PER_WORD = 2
_NER_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT"})
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=\S)|(?<=[。！？])")
_CAPITALISED = re.compile(r"\b[^\W\d_][\w'’-]*", re.UNICODE)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
# Name tokens this short or this common match across unrelated stories.
_MIN_KEY_CHARS = 3
_STOP_KEYS = frozenset({"the", "and", "for", "der", "die", "das", "los", "las", "les", "del"})


@dataclass(frozen=True)
class ArticleSignals:
    """What story similarity knows about one article (or, for a story, about its members)."""

    id: str
    lead: np.ndarray  # (512,) float32, L2-normalised
    body: np.ndarray | None = None  # (512,) float32, L2-normalised; None when not computed
    entities: frozenset[str] = frozenset()
    time: float | None = None  # days since 1970-01-01 UTC
    language: str | None = None
    title: str = ""


def parse_time(published: str | None) -> float | None:
    """ISO 8601 date or datetime -> days since the epoch (UTC); None when absent or unparsable."""
    if not published:
        return None
    text = published.strip().replace("Z", "+00:00")
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        try:
            moment = datetime.combine(date.fromisoformat(text[:10]), datetime.min.time())
        except ValueError:
            return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp() / 86400.0


def sentences(text: str) -> list[str]:
    """A cheap multilingual sentence split (spaCy's English parser would be wrong and slow here)."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def _word_count(text: str) -> float:
    cjk = len(_CJK.findall(text))
    return len(text.split()) + cjk / _CJK_CHARS_PER_WORD


def _first_words(text: str, limit: int) -> str:
    """The first `limit` words (CJK characters counted at two per word)."""
    if _CJK.search(text):
        return text[: limit * _CJK_CHARS_PER_WORD]
    return " ".join(text.split()[:limit])


def lead_text(title: str, text: str) -> str:
    """Title plus the first sentences of the body, at most about `_LEAD_WORDS` words."""
    parts: list[str] = [title] if title else []
    used = _word_count(title)
    for sent in sentences(text)[:_LEAD_SENTENCES]:
        if used >= _LEAD_WORDS:
            break
        parts.append(sent)
        used += _word_count(sent)
    return _first_words(" ".join(parts), _LEAD_WORDS + int(_word_count(title)))


def _key(name: str) -> str:
    """Lowercase without accents, so "Erdoğan" meets "Erdogan" and "MÜNCHEN" meets "München"."""
    decomposed = unicodedata.normalize("NFKD", name.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _name_tokens(names: Sequence[str]) -> frozenset[str]:
    """Names split into tokens: "Angela Merkel" and a bare "Merkel" elsewhere still share one."""
    keys = set()
    for name in names:
        for token in re.findall(r"\w+", _key(name)):
            if len(token) >= _MIN_KEY_CHARS and token not in _STOP_KEYS and not token.isdigit():
                keys.add(token)
    return frozenset(keys)


def capitalised_names(text: str) -> frozenset[str]:
    """Capitalised tokens that do not open a sentence: a language-agnostic stand-in for NER."""
    names = []
    for sent in sentences(text):
        for k, match in enumerate(_CAPITALISED.finditer(sent)):
            token = match.group()
            if k > 0 and token[0].isupper():
                names.append(token)
    return _name_tokens(names)


def _english_entities(texts: Sequence[str], options: Options) -> list[frozenset[str]]:
    if not texts:
        return []
    nlp = spacy_pipeline(options.spacy_model)
    # NER alone: the parser and lemmatizer are the slow parts and names need neither (nor the
    # repairs after the lemmatizer, nlp.models.REPAIRS).
    skip = [
        p
        for p in ("parser", "lemmatizer", "attribute_ruler", "tagger", *REPAIRS)
        if p in nlp.pipe_names
    ]
    out = []
    for doc in nlp.pipe(texts, batch_size=64, disable=skip):
        out.append(_name_tokens([e.text for e in doc.ents if e.label_ in _NER_LABELS]))
    return out


def _language(article: Article) -> str | None:
    if article.language:
        return article.language
    lang, prob = detect_language(f"{article.title or ''}\n{article.text}")
    return lang if prob >= 0.5 else None


def signals_many(
    articles: Sequence[Article], options: Options = DEFAULT_OPTIONS, *, body: bool = True
) -> list[ArticleSignals]:
    """Signals for many articles, with the embedder and the NER run once per batch."""
    langs = [_language(a) for a in articles]
    titles = [(a.title or "").strip() for a in articles]
    leads = [lead_text(t, a.text) for t, a in zip(titles, articles, strict=True)]
    model = embedder(options.embedder, options.embed_threads)
    lead_vecs = model.encode(leads)
    body_vecs = (
        model.encode([_first_words(a.text, _BODY_WORDS) for a in articles]) if body else None
    )
    # spaCy NER costs ~45 ms an article (70% of ingest time) and did not beat the capitalised-name
    # heuristic on held-out SemEval pairs, so it is opt-in (Options.story_ner).
    english = [k for k, lang in enumerate(langs) if lang == "en"] if options.story_ner else []
    ner = _english_entities([f"{titles[k]}\n{articles[k].text}" for k in english], options)
    entities: dict[int, frozenset[str]] = dict(zip(english, ner, strict=True))
    out = []
    for k, article in enumerate(articles):
        ents = entities.get(k)
        if ents is None:
            ents = capitalised_names(f"{titles[k]}. {article.text}")
        out.append(
            ArticleSignals(
                id=article.id,
                lead=lead_vecs[k],
                body=None if body_vecs is None else body_vecs[k],
                entities=ents,
                time=parse_time(article.published),
                language=langs[k],
                title=titles[k],
            )
        )
    return out


def signals(article: Article, options: Options = DEFAULT_OPTIONS) -> ArticleSignals:
    """Signals for one article (use `signals_many` for batches: the models batch well)."""
    return signals_many([article], options)[0]
