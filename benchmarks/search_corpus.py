"""Generators of search documents for the scale benchmark (bench_search.py scale).

Two corpora, both deterministic for a seed:

``realistic``  Each document is written in one language (ar/en/fr/tr, a quarter each) about one
               of the 21 subjects. Words are drawn from a Zipf distribution (s = 1.05) over a
               vocabulary of real words of that language, ranked by how often they occur in
               the project's own texts (the interface catalogues, the thesaurus, the judged
               corpus), extended with generated rare words (names, places, codes) to 30,000
               types per language; about one word in 25 is a term of the document's subject,
               in its language. Titles are 3–10 words, bodies 30–1,500 words (log-normal,
               median ~150). 60 % of documents are tagged with their subject. Dates spread
               over 2000–2026. This is closer to real text than ``worst``: a typical query
               matches hundreds to a few thousand documents, a broad one tens of thousands.
``worst``      The first benchmark's corpus: 6-word titles and 80-word bodies drawn uniformly
               from a 20-word vocabulary per language; a typical query matches a quarter of
               the index. Kept as a stress test.
"""

from __future__ import annotations

import datetime
import functools
import itertools
import json
import math
import random
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LANGS = ("ar", "en", "fr", "tr")
COUNTRIES = ["AZE", "TUR", "SAU", "MAR", "EGY", "IDN", "MYS", "PAK", "NGA", "SEN", "JOR", "KAZ"]
VOCABULARY = 30_000
_WORD = re.compile(r"[^\W\d_]{2,}")
#: Placeholders and markup of the catalogues are not words.
_MARKUP = re.compile(r"%\(\w+\)[sdf]|%[sdf]|\{[^}]*\}|<[^>]*>|&\w+;")

# Frequent Turkish words: the catalogues have no Turkish, so seed the head of its vocabulary.
_TR_COMMON = """ve bir bu da de için ile olarak daha çok gibi kadar sonra en her ama ya olan
olduğu üzerinde arasında göre yeni büyük ilk iki yıl yılında tarafından ayrıca ancak hem ise
kendi devlet ülke bölge ulusal uluslararası proje program destek hizmet eğitim danışmanlık
kurum kuruluş ajans işletme işletmeler girişimci girişimcilik kadın genç sanayi ticaret
ihracat pazar yatırım kredi finansman banka sermaye teknoloji dijital inovasyon araştırma
kalite standart sertifika belge başvuru süreç sonuç etki rapor analiz strateji politika
yönetim plan faaliyet toplantı konferans atölye çalışma grup ağ işbirliği ortaklık deneyim
uygulama model yöntem sistem platform veri bilgi kapasite gelişme büyüme istihdam üretim
tarım turizm hizmetler imalat bölgesel yerel kırsal kent şehir merkez ofis personel uzman
katılımcı sayı oran yüzde milyon bin lira dolar avro toplam ortalama yaklaşık yıllık aylık""".split()

_SYLLABLES = {
    "latin": "ba be bi bo bu ka ke ki ko ku la le li lo lu ma me mi mo mu na ne ni no nu ra re "
    "ri ro ru sa se si so su ta te ti to tu za ze zi zo zu dar ber kin mor tal ven".split(),
    "arabic": "ب ت ج د ر ز س ش ع ف ق ك ل م ن ه و ي ح خ ص ط".split(),
}


@functools.cache
def _sources() -> dict[str, Counter[str]]:
    from babel.messages.pofile import read_po

    counts: dict[str, Counter[str]] = {lang: Counter() for lang in LANGS}
    for lang in ("ar", "fr"):
        path = ROOT / "smenet" / "locale" / lang / "LC_MESSAGES" / "django.po"
        with path.open("rb") as fh:
            catalog = read_po(fh)
        for message in catalog:
            for text in _texts(message.id):
                counts["en"].update(_WORD.findall(text))
            for text in _texts(message.string):
                counts[lang].update(_WORD.findall(text))
    for entry in _thesaurus_entries():
        if entry.lang in counts:
            counts[entry.lang].update(_WORD.findall(entry.term))
    corpus = ROOT / "benchmarks" / "search_judged" / "corpus.jsonl"
    for line in corpus.read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        for field in ("title", "summary"):
            for lang, text in (doc.get(field) or {}).items():
                if lang in counts:
                    counts[lang].update(_WORD.findall(text))
    counts["tr"].update({w: 50 - i // 4 for i, w in enumerate(_TR_COMMON)})
    return counts


def _texts(value: object) -> list[str]:
    if isinstance(value, str):
        return [_MARKUP.sub(" ", value)]
    if isinstance(value, list | tuple):
        return [_MARKUP.sub(" ", v) for v in value if isinstance(v, str)]
    return []


@functools.cache
def _thesaurus_entries() -> tuple:
    from smenet.search.analysis import DEFAULT_THESAURUS_CSV, Thesaurus
    from smenet.taxonomy.subjects import SUBJECTS_CSV

    th = Thesaurus.from_files(subjects_csv=SUBJECTS_CSV, thesaurus_csv=DEFAULT_THESAURUS_CSV)
    return th.entries


def _rare_word(rng: random.Random, script: str) -> str:
    syllables = _SYLLABLES[script]
    n = rng.randint(2, 4) if script == "latin" else rng.randint(3, 6)
    return "".join(rng.choice(syllables) for _ in range(n))


@functools.cache
def vocabulary(lang: str) -> tuple[tuple[str, ...], tuple[float, ...]]:
    """Words of ``lang`` by rank and the cumulative Zipf weights to draw them."""
    rng = random.Random(f"vocabulary-{lang}")
    words = [w.lower() if lang != "tr" else w for w, _ in _sources()[lang].most_common()]
    words = list(dict.fromkeys(words))
    script = "arabic" if lang == "ar" else "latin"
    seen = set(words)
    while len(words) < VOCABULARY:
        w = _rare_word(rng, script)
        if w not in seen:
            seen.add(w)
            words.append(w)
    weights = [1.0 / (rank**1.05) for rank in range(1, len(words) + 1)]
    return tuple(words), tuple(itertools.accumulate(weights))


@functools.cache
def subject_terms() -> dict[tuple[str, str], tuple[str, ...]]:
    """``{(subject code, lang): terms}`` from the subject taxonomy and the thesaurus."""
    from smenet.taxonomy.subjects import subject_names

    codes = set(subject_names())
    out: dict[tuple[str, str], list[str]] = {}
    for entry in _thesaurus_entries():
        if entry.code in codes and entry.lang in LANGS:
            out.setdefault((entry.code, entry.lang), []).append(entry.term)
    return {k: tuple(v) for k, v in out.items()}


def realistic(n: int, seed: int = 7) -> Iterator:
    from smenet.search.registry import IndexDocument

    rng = random.Random(seed)
    terms = subject_terms()
    subjects = sorted({code for code, _ in terms})
    start = datetime.date(2000, 1, 1).toordinal()
    days = datetime.date(2026, 11, 1).toordinal() - start
    vocab = {lang: vocabulary(lang) for lang in LANGS}
    for i in range(1, n + 1):
        lang = LANGS[i % 4]
        words, cum = vocab[lang]
        subject = rng.choice(subjects)
        topic = terms.get((subject, lang)) or terms.get((subject, "en"), ("",))

        def draw(k: int, topic_rate: float, words=words, cum=cum, topic=topic) -> str:
            out = rng.choices(words, cum_weights=cum, k=k)
            for j in range(k):
                if rng.random() < topic_rate:
                    out[j] = rng.choice(topic)
            return " ".join(out)

        title = rng.choice(topic) + " " + draw(rng.randint(2, 8), 0.1)
        length = int(min(1500, max(30, rng.lognormvariate(math.log(150), 0.7))))
        yield IndexDocument(
            object_id=i,
            url=f"/knowledge/practices/{i}/",
            titles={lang: title},
            bodies={lang: [draw(length, 0.04)]},
            ref=f"gen-{i}",
            country=COUNTRIES[i % len(COUNTRIES)],
            subjects=[subject] if rng.random() < 0.6 else [],
            date=datetime.date.fromordinal(start + rng.randrange(days)),
        )


WORST = {
    "en": "small business enterprise loan credit finance export market training women youth "
    "digital innovation guarantee cluster procurement agency programme support growth".split(),
    "fr": "petite entreprise prêt crédit financement exportation marché formation femmes jeunes "
    "numérique innovation garantie grappe marchés agence programme soutien croissance".split(),
    "ar": "المشاريع الصغيرة المنشآت قروض تمويل التصدير الأسواق التدريب النساء الشباب الرقمي "
    "الابتكار ضمانات العناقيد المشتريات الوكالة برنامج دعم النمو والمتوسطة".split(),
    "tr": "küçük işletme kredi finansman ihracat pazar eğitim kadın genç dijital inovasyon "
    "garanti küme ihale ajans program destek büyüme KOBİ girişimci".split(),
}


def worst(n: int, seed: int = 7) -> Iterator:
    from smenet.search.registry import IndexDocument

    rng = random.Random(seed)
    for i in range(1, n + 1):
        lang = LANGS[i % 4]
        words = WORST[lang]
        yield IndexDocument(
            object_id=i,
            url=f"/knowledge/practices/{i}/",
            titles={lang: " ".join(rng.choices(words, k=6))},
            bodies={lang: [" ".join(rng.choices(words, k=80))]},
            ref=f"gen-{i}",
            country=COUNTRIES[i % 8],
            date=None,
        )


CORPORA = {"realistic": realistic, "worst": worst}


def broad_words(lang: str, k: int) -> list[str]:
    """The ``k`` most frequent words of ``lang`` that are not stop words (broad queries)."""
    from smenet.search.analysis import analyze

    out = []
    for w in vocabulary(lang)[0]:
        if len(w) > 3 and analyze(w, lang):
            out.append(w)
            if len(out) == k:
                break
    return out
