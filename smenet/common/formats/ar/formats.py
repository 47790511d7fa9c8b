# The site's one date and number format in Arabic (see ../en/formats.py): day month year with
# the month's name, Western digits as everywhere else on the site (CLDR's "latn" numbering of
# Arabic, used across the Maghreb and by the network's own texts), 24-hour clock, the Arabic
# comma between date and time.
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y، H:i"
TIME_FORMAT = "H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y، H:i"
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
