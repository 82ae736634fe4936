from django import template

from hamarregion.fields import single_line
from hamarregion.formatting import format_date, format_datetime, format_nok, format_percent

register = template.Library()

# In the page's language (hamarregion.formatting); the date filters' names are older than that.
register.filter("nok", format_nok)
register.filter("percent", format_percent)
register.filter("no_date", format_date)
register.filter("no_datetime", format_datetime)
# For plain-text e-mail: a value on a line of its own cannot start another line.
register.filter("single_line", lambda value: single_line("" if value is None else str(value)))
