"""Datasets as data: a Field knows its type and how it is written to CSV, JSON and a Table
Schema; a Level is a record type with its fields and the levels below it; a Dataset is a tree
of levels with the records at its root.

A flat dataset (one level) has one CSV row and one JSON object per record. A nested one keeps
its nesting in JSON; its CSV has one row per record with a record_type column, the record's own
fields, and the key fields (marked key=True: slug, name) of the records above it; each column is
named <level>_<field>.
"""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from django.urls import reverse
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from hamarregion.site_address import absolute_url
from projects.admin.export import text as safe_cell

LIST_DELIMITER = "; "
LICENCE = {
    "name": "NLOD-2.0",
    "title": "Norsk lisens for offentlige data (NLOD) 2.0",
    "path": "https://data.norge.no/nlod/no/2.0",
}

TYPE_LABELS = {
    "string": _("tekst"),
    "integer": _("heltall"),
    "date": _("dato (ÅÅÅÅ-MM-DD)"),
    "list": _("liste"),
}


# An example address on the portal's own host, made when it is shown.
example_url = lazy(absolute_url, str)


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    title: str
    description: str
    example: str
    value: Callable[[Any], Any] = field(repr=False, compare=False)
    required: bool = False
    item_type: str = ""
    # (value, label) pairs: the only values the field takes, each explained on the docs page.
    choices: tuple[tuple[str, str], ...] = ()
    format: str = ""
    # The programme's levels: repeated on the CSV rows of the records below this one.
    key: bool = False

    @property
    def type_label(self) -> str:
        if self.type == "list":
            return format_lazy("{} ({})", TYPE_LABELS["list"], TYPE_LABELS[self.item_type].lower())
        return TYPE_LABELS[self.type]

    def table_schema(self) -> dict:
        """The field as Frictionless Table Schema describes a column."""
        described = {
            "name": self.name,
            "type": self.type,
            "title": str(self.title),
            "description": str(self.description),
            "example": str(self.example),
        }
        if self.format:
            described["format"] = self.format
        if self.type == "list":
            described.update(delimiter=LIST_DELIMITER, itemType=self.item_type)
        constraints = {}
        if self.required:
            constraints["required"] = True
        if self.choices:
            constraints["enum"] = [value for value, _label in self.choices]
        if constraints:
            described["constraints"] = constraints
        return described

    def json_value(self, value):
        if value is None or (value == "" and not self.required):
            return None
        if self.type == "date":
            return value.isoformat()
        return value

    def csv_cell(self, value) -> str:
        """The cell as written to the CSV file. Text goes through the secretariat's CSV export's
        neutralising: a cell a spreadsheet would run as a formula (=, +, -, @) gets an
        apostrophe in front, and line breaks become spaces."""
        if value is None or value == "":
            return ""
        if self.type == "integer":
            return str(int(value))
        if self.type == "date":
            return value.isoformat()
        if self.type == "list":
            return safe_cell(LIST_DELIMITER.join(str(item) for item in value))
        return safe_cell(value)


@dataclass(frozen=True)
class Level:
    name: str
    title: str
    fields: tuple[Field, ...]
    # The key of this level's list in the JSON object of the level above, and how to get the
    # records below a record of that level (from what objects() prefetched).
    json_key: str = ""
    items: Callable[[Any], Iterable] = field(default=lambda parent: (), repr=False)
    sublevels: tuple["Level", ...] = ()

    def walk(self) -> Iterator["Level"]:
        yield self
        for sublevel in self.sublevels:
            yield from sublevel.walk()

    def json_object(self, record) -> dict:
        data = {f.name: f.json_value(f.value(record)) for f in self.fields}
        for sublevel in self.sublevels:
            data[sublevel.json_key] = [sublevel.json_object(r) for r in sublevel.items(record)]
        return data


@dataclass(frozen=True)
class Dataset:
    slug: str
    title: str
    description: str
    root: Level
    objects: Callable[[], Iterable] = field(repr=False)
    primary_key: tuple[str, ...] = ()

    @property
    def is_nested(self) -> bool:
        return bool(self.root.sublevels)

    @property
    def levels(self) -> list[Level]:
        return list(self.root.walk())

    def csv_fields(self) -> list[Field]:
        """The CSV columns: the root's fields for a flat dataset; for a nested one the record
        type and then every level's fields, named <level>_<field>."""
        if not self.is_nested:
            return list(self.root.fields)
        columns = [
            Field(
                name="record_type",
                type="string",
                title=_("Posttype"),
                description=_(
                    "Hvilket nivå raden beskriver; kolonnene til dette nivået er fylt ut."
                ),
                example=self.root.name,
                value=lambda record: None,
                required=True,
                choices=tuple((level.name, level.title) for level in self.root.walk()),
            )
        ]
        for level in self.root.walk():
            for f in level.fields:
                columns.append(
                    replace(
                        f,
                        name=f"{level.name}_{f.name}",
                        title=format_lazy("{}: {}", level.title, f.title),
                        # On every row: the root key fields, which every record repeats.
                        required=f.required and f.key and level is self.root,
                    )
                )
        return columns

    def csv_records(self) -> Iterator[dict]:
        """Each record as {column name: value}."""
        if not self.is_nested:
            for record in self.objects():
                yield {f.name: f.value(record) for f in self.root.fields}
            return

        def visit(level, record, above):
            own = {f"{level.name}_{f.name}": f.value(record) for f in level.fields}
            yield {"record_type": level.name, **above, **own}
            keys = {
                **above,
                **{
                    f"{level.name}_{f.name}": own[f"{level.name}_{f.name}"]
                    for f in level.fields
                    if f.key
                },
            }
            for sublevel in level.sublevels:
                for item in sublevel.items(record):
                    yield from visit(sublevel, item, keys)

        for record in self.objects():
            yield from visit(self.root, record, {})

    def csv_rows(self) -> Iterator[list[str]]:
        columns = self.csv_fields()
        yield [f.name for f in columns]
        for record in self.csv_records():
            yield [f.csv_cell(record.get(f.name)) for f in columns]

    def json_document(self) -> dict:
        return {
            "dataset": self.slug,
            "title": str(self.title),
            "license": LICENCE,
            "schema": absolute_url(reverse("publication:opendata-schema", args=[self.slug])),
            "data": [self.root.json_object(record) for record in self.objects()],
        }

    def table_schema(self) -> dict:
        """Frictionless Table Schema of the CSV file."""
        schema = {
            "fields": [f.table_schema() for f in self.csv_fields()],
            "missingValues": [""],
        }
        if self.primary_key:
            schema["primaryKey"] = list(self.primary_key)
        return schema


def choices_of(enum, values=None) -> tuple[tuple[str, str], ...]:
    return tuple((m.value, m.label) for m in enum if values is None or m in values)
