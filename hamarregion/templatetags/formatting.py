from django import template

from hamarregion.formatting import format_date, format_datetime, format_nok

register = template.Library()

register.filter("nok", format_nok)
register.filter("no_date", format_date)
register.filter("no_datetime", format_datetime)
