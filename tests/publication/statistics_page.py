"""The statistics page as the tests read it: its tables, its charts' bars, the period
select's options; and the sums counted in Python from the stored decisions."""

import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from html.parser import HTMLParser

import pytest

from projects.models import Application
from publication.charts import BAR_SPACE
from tests.html import start_tags

SVG = "{http://www.w3.org/2000/svg}"


def amount(text: str) -> int:
    return int(re.sub(r"\D", "", text))


class _TableReader(HTMLParser):
    """The rows of the table with one id: [(row header, [cells])]; and its caption."""

    def __init__(self, table_id):
        super().__init__(convert_charrefs=True)
        self.table_id, self.inside, self.rows, self.cell = table_id, False, [], None
        self.caption, self.in_caption, self.header_scopes = "", False, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and attrs.get("id") == self.table_id:
            self.inside = True
        elif not self.inside:
            return
        elif tag == "caption":
            self.in_caption = True
        elif tag == "tr":
            self.rows.append([])
        elif tag in ("th", "td"):
            self.cell = []
            if tag == "th":
                self.header_scopes.append(attrs.get("scope"))

    def handle_endtag(self, tag):
        if not self.inside:
            return
        if tag == "table":
            self.inside = False
        elif tag == "caption":
            self.in_caption = False
        elif tag in ("th", "td") and self.cell is not None:
            # Spaces collapsed, the no-break spaces in «1 250 000 kr» kept.
            self.rows[-1].append(re.sub(r"[ \t\r\n]+", " ", "".join(self.cell)).strip(" "))
            self.cell = None

    def handle_data(self, data):
        if self.in_caption:
            self.caption += data
        elif self.cell is not None:
            self.cell.append(data)


def read_table(response, table_id):
    reader = _TableReader(table_id)
    reader.feed(response.content.decode())
    assert reader.rows, f"no table with id={table_id!r}"
    return reader


def table_rows(response, table_id) -> dict[str, list[str]]:
    """{row header: [cells]} of the body rows (the header row left out)."""
    return {row[0]: row[1:] for row in read_table(response, table_id).rows[1:]}


def chart(response, chart_id) -> ET.Element:
    found = re.search(
        rf'<svg [^>]*id="{chart_id}".*?</svg>', response.content.decode(), flags=re.DOTALL
    )
    assert found, f"no chart with id={chart_id!r}"
    return ET.fromstring(found.group(0))  # noqa: S314 - the portal's own page


def bars(svg) -> list[dict]:
    """Each bar's label and value as drawn, the text of its tooltip, and its length."""
    found = []
    for group in svg.iter(f"{SVG}g"):
        label, value = [element.text for element in group.iter(f"{SVG}text")]
        found.append(
            {
                "title": group.find(f"{SVG}title").text,
                "label": label,
                "value": value,
                "width": float(group.find(f"{SVG}rect").get("width")),
            }
        )
    return found


def assert_chart_shows(svg, expected: dict[str, int], value_text, scale=None):
    """Every expected (label, value) is a bar, in the table's order, with the value in its title
    and label, and bar lengths proportional to the values."""
    drawn = bars(svg)
    assert [bar["label"] for bar in drawn] == list(expected)
    largest = scale if scale is not None else max(expected.values())
    for bar, (label, value) in zip(drawn, expected.items(), strict=True):
        assert bar["value"] == value_text(value)
        assert bar["title"] == f"{label}: {value_text(value)}"
        assert bar["width"] == pytest.approx(
            BAR_SPACE * value / largest if largest else 0, abs=0.01
        )


def period_options(response) -> dict[str, bool]:
    """The options of the period filter, in order: {value: selected}."""
    found, current = {}, None
    for tag, attrs in start_tags(response):
        if tag == "select":
            current = attrs.get("name")
        elif tag == "option" and current == "programme":
            found[attrs.get("value")] = "selected" in attrs
    return found


def nok(value: int) -> str:
    return f"{value:,}".replace(",", "\u00a0") + "\u00a0kr"


def granted_in_database(programme=None, key=lambda project: [project.lead_municipality.name]):
    """The sums counted in Python from the stored decisions, for comparison."""
    projects = Application.objects.funded().select_related("decision", "lead_municipality")
    if programme is not None:
        projects = projects.filter(funding_call__programme=programme)
    sums = defaultdict(int)
    for project in projects:
        for group in key(project):
            sums[group] += project.decision.granted_amount
    return dict(sums)
