"""One date format across the product: "7 Dec 2026", and "7 Dec 2026, 14:05" where the time
matters. Django's English locale would say "Dec. 7, 2026"; this module wins over it, so
`{{ value|date }}`, `{{ value|date:"DATETIME_FORMAT" }}` and `formats.date_format(value)` all
read the same as the pages' JavaScript (date() and dateTime() in frontend/js/ui.js).
Machine-readable values (<time datetime>, the API) stay ISO 8601."""

DATE_FORMAT = "j M Y"
SHORT_DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j M Y, H:i"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
TIME_FORMAT = "H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j M"
