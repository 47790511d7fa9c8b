"""Multilingual text analysis for SMENET search (index time and query time).

This module is deliberately pure Python with no Django imports: the same functions turn a
document into index terms and a user's query into a boolean structure over those terms, so
SQLite FTS, PostgreSQL or an in-memory index all see identical terms and return the same
matches (see STACK-NOTES, "Arabic text search").

Pipeline, in order (why each step exists):

1. ``normalize``: NFKC + case folding so visually identical text compares equal; control,
   format (bidi, zero-width) and surrogate characters removed because PostgreSQL rejects NUL
   and invisible characters split or glue words unpredictably; Latin accents folded so users
   without an AZERTY/Turkish keyboard still match ("KOBİ" == "kobi", "Kiçik" -> "kicik");
   Arabic diacritics, tatweel, alef/yeh/kaf variants and Arabic-Indic digits unified because
   Arabic text is written with and without them interchangeably.
2. ``tokenize``: words are runs of Unicode letters/digits (plus combining marks for scripts
   that need them); apostrophe clitics that are parts of a neighbouring word (French
   ``l'``/``d'``, English ``'s``, Turkish case suffixes ``KOBİ'ler``) are dropped so the word
   is indexed the same with or without them.
3. ``analyze``: stop words removed (positions kept, so phrase offsets stay true), then
   language-specific stemming. Arabic gets extra work because Snowball alone does not join
   ``والمتوسطة``/``المتوسطة`` or any broken plural (``مشاريع``/``مشروع``).

Everything that depends only on a word is cached (``functools.lru_cache``), and PyStemmer
objects, which are not thread-safe, are kept one per thread.
"""

from __future__ import annotations

from .languages import (
    CONCEPT_PREFIX,
    DATA_DIR,
    DEFAULT_PLURALS_TSV,
    DEFAULT_THESAURUS_CSV,
    MAX_QUERY_CHARS,
    MAX_QUERY_TERMS,
    STEMMED_LANGUAGES,
)
from .normalise import normalize
from .query import Phrase, Query, QueryTerm, analyze_query
from .snippet import snippet, surface_words, trigrams
from .terms import MAX_TERM_CHARS, Token, analyze, analyze_terms, concept_term, index_positions
from .thesaurus import Thesaurus, ThesaurusEntry
from .tokenise import tokenize

__all__ = [
    "CONCEPT_PREFIX",
    "DATA_DIR",
    "MAX_TERM_CHARS",
    "analyze_terms",
    "DEFAULT_PLURALS_TSV",
    "DEFAULT_THESAURUS_CSV",
    "MAX_QUERY_CHARS",
    "MAX_QUERY_TERMS",
    "STEMMED_LANGUAGES",
    "Phrase",
    "Query",
    "QueryTerm",
    "Thesaurus",
    "ThesaurusEntry",
    "Token",
    "analyze",
    "analyze_query",
    "concept_term",
    "index_positions",
    "normalize",
    "snippet",
    "surface_words",
    "tokenize",
    "trigrams",
]
