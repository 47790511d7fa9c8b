# The site's one date and number format in English (Django's locale machinery reads it through
# FORMAT_MODULE_PATH; templates use |date without a format, or a named format such as
# "DATETIME_FORMAT" — a guard test refuses literal formats). Day month year, 24-hour clock: the
# style of the network's own texts ("7 October 2025").
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
TIME_FORMAT = "H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
