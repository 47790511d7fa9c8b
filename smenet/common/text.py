import unicodedata


def fold(text: str) -> str:
    """Lower-case without diacritics and spacing: ``KOBİA`` and ``kobia`` fold alike."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return "".join(c for c in stripped if c.isalnum())
