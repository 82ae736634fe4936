"""The open data's files as the tests read them: downloads, CSV rows, the Table Schema, and
each cell and JSON value checked against its field."""

import csv
import io
import re
from datetime import date

SITE = "https://portal.example.org"  # settings.SITE_URL in tests (tests/conftest.py)


def download(client, dataset, kind):
    response = client.get(f"/apne-data/{dataset}.{kind}")
    assert response.status_code == 200
    return response


def csv_rows(client, dataset) -> list[dict]:
    response = download(client, dataset, "csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode("utf-8")
    assert not text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text)))


def schema_of(client, dataset) -> dict:
    response = client.get(f"/apne-data/{dataset}/schema.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def parse_cell(field: dict, cell: str):
    """The cell read as its Table Schema field declares; fails on a value of another type."""
    if cell == "":
        return None
    kind = field["type"]
    if kind == "integer":
        assert re.fullmatch(r"-?\d+", cell), f"{field['name']}: {cell!r} is not an integer"
        return int(cell)
    if kind == "date":
        return date.fromisoformat(cell)
    if kind == "list":
        item = {"integer": int, "string": str}[field["itemType"]]
        return [item(part) for part in cell.split(field["delimiter"])]
    assert kind == "string", f"{field['name']}: undeclared type {kind}"
    if field.get("format") == "uri":
        assert cell.startswith(f"{SITE}/"), cell
    return cell


def check_json_value(field, value):
    """A JSON value is of the type its field declares (None only where not required)."""
    if value is None:
        assert not field.required, f"{field.name} is required"
        return
    expected = {"integer": int, "string": str, "date": str, "list": list}[field.type]
    assert isinstance(value, expected), f"{field.name}: {value!r} is not {field.type}"
    if field.type == "date":
        date.fromisoformat(value)
    if field.type == "list":
        item = {"integer": int, "string": str}[field.item_type]
        assert all(isinstance(part, item) for part in value)
    if field.choices:
        assert value in [choice for choice, _label in field.choices]


def check_json_object(level, data):
    """The object has exactly its level's fields, typed as declared, and its sublevels' lists,
    each checked the same way."""
    sublevels = {sublevel.json_key: sublevel for sublevel in level.sublevels}
    assert set(data) == {field.name for field in level.fields} | set(sublevels)
    for field in level.fields:
        check_json_value(field, data[field.name])
    for key, sublevel in sublevels.items():
        for item in data[key]:
            check_json_object(sublevel, item)


def all_keys(value) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {key for item in value.values() for key in all_keys(item)}
    if isinstance(value, list):
        return {key for item in value for key in all_keys(item)}
    return set()
