"""English dates for a Norwegian council's readers: day before month, 24-hour clock (27 November
2026, 27 Nov 2026, 14:30), not Django's US defaults (Nov. 27, 2026, 11/27/2026, 2:30 p.m.).
What is not set here (input formats, separators) comes from Django's own English formats."""

DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j M Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
MONTH_DAY_FORMAT = "j F"
FIRST_DAY_OF_WEEK = 1  # Monday
