"""Request parsers of the API: the input-cleaning layer (``common.cleaning``) applied to every
body before a serializer sees it.

JSON: at most ``DATA_UPLOAD_MAX_MEMORY_SIZE`` bytes (413 beyond), nesting refused before the
parser recurses, NaN/Infinity refused, and every string and number of the document checked
(control and direction-override characters, lone surrogates, text longer than
``LONG_TEXT_MAX``, integers outside 64 bits), each error at its path. Multipart: the same
checks on every text part; files are the upload policy's business (``common.uploads``).
"""

from __future__ import annotations

import json

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import exceptions, parsers

from smenet.common import cleaning


class RequestTooLarge(exceptions.APIException):
    status_code = 413
    default_code = "too_large"
    default_detail = gettext_lazy("The request body is larger than the limit.")


def too_large(limit: int) -> RequestTooLarge:
    return RequestTooLarge(
        _("The request body is larger than %(size)s.") % {"size": human_size(limit)}
    )


def human_size(size: int) -> str:
    if size >= 1024 * 1024:
        return _("%(n)s MB") % {"n": round(size / (1024 * 1024), 1)}
    return _("%(n)s kB") % {"n": max(1, size // 1024)}


def read_limited(stream, limit: int) -> bytes:
    """The whole stream, refusing more than ``limit`` bytes without reading them all."""
    if stream is None:
        return b""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise too_large(limit)
    return data


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        raw = read_limited(stream, limit)
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        try:
            return cleaning.load_json(raw.decode(encoding))
        except UnicodeDecodeError as exc:
            raise exceptions.ParseError(
                _("The request body is not %(encoding)s text.") % {"encoding": encoding},
                code="malformed_json",
            ) from exc
        except json.JSONDecodeError as exc:
            raise exceptions.ParseError(
                _("%(error)s (line %(line)s, column %(column)s)")
                % {"error": exc.msg, "line": exc.lineno, "column": exc.colno},
                code="malformed_json",
            ) from exc
        except cleaning.InputRejected as exc:
            if exc.code in ("too_deep", "malformed_json"):
                message = " ".join(m for msgs in exc.errors.values() for m in msgs)
                raise exceptions.ParseError(message, code=exc.code) from exc
            raise exceptions.ValidationError(exc.nested()) from exc


def _check_form_values(data) -> None:
    errors: dict[tuple[str, ...], list[str]] = {}
    for key, values in data.lists():
        if problem := cleaning.text_problem(key):
            errors[(cleaning.strip_forbidden(key),)] = [problem]
            continue
        for value in values:
            if isinstance(value, str) and (problems := cleaning.check_text(value)):
                errors[tuple(key.split("."))] = problems  # title.en → {"title": {"en": …}}
    if errors:
        raise exceptions.ValidationError(cleaning.InputRejected(errors).nested())


class MultiPartParser(parsers.MultiPartParser):
    def parse(self, stream, media_type=None, parser_context=None):
        result = super().parse(stream, media_type, parser_context)
        _check_form_values(result.data)
        return result


class FormParser(parsers.FormParser):
    def parse(self, stream, media_type=None, parser_context=None):
        data = super().parse(stream, media_type, parser_context)
        _check_form_values(data)
        return data
