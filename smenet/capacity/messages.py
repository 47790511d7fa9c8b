"""The matching engine's error messages, marked for translation.

The engine (``matching/``) is pure Python without Django; its English templates are repeated
here with ``gettext_noop`` so that ``makemessages`` extracts them. A test keeps both in step.
"""

from django.utils.translation import gettext_noop

MESSAGES = {
    "invalid_json": gettext_noop("is not valid JSON: %(error)s (line %(line)s, column %(column)s)"),
    "invalid_json_text": gettext_noop("is not valid JSON: %(error)s"),
    "too_deep": gettext_noop("is nested more than %(depth)s levels deep"),
    "not_text": gettext_noop("must be a JSON document given as text"),
    "not_object": gettext_noop("must be an object"),
    "not_list": gettext_noop("must be a list"),
    "required": gettext_noop("is required"),
    "unknown_key": gettext_noop("is not an allowed key"),
    "not_string": gettext_noop("must be a non-empty string"),
    "not_boolean": gettext_noop("must be true or false"),
    "int_range": gettext_noop("must be an integer between %(min)s and %(max)s"),
    "int_min": gettext_noop("must be an integer greater than or equal to %(min)s"),
    "int_min_or_null": gettext_noop("must be null or an integer greater than or equal to %(min)s"),
    "unknown_subject": gettext_noop("is not one of the subjects listed in %(field)s"),
    "duplicate_subject": gettext_noop("repeats the subject %(subject)s"),
    "duplicate_id": gettext_noop("repeats the institution id %(id)s (first used by %(first)s)"),
    "unsupported_version": gettext_noop("must be %(expected)s"),
}
