"""What a browser takes from an answer to post a form: the form's fields and the cookies set.
`make bench`'s edit check posts an admin form with them, the resilience check
(scripts/resilience_applicant.py) the applicant's forms, and the deploy tests
(tests/deploy/servers.py) theirs. Standard library only."""

from email.message import Message
from html.parser import HTMLParser
from http.cookies import SimpleCookie


class Forms(HTMLParser):
    """Every form of a page, by its id, with the fields a browser would post: inputs with their
    values (checked boxes only), text areas, and the selected option of each select (its first
    option where none is selected)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[tuple[str | None, list[tuple[str, str]]]] = []
        self._inside = False
        self._textarea = None
        self._select = None
        self._select_first = None
        self._select_chosen = False

    def _add(self, name, value):
        self.forms[-1][1].append((name, value))

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "form":
            self.forms.append((attrs.get("id"), []))
            self._inside = True
        elif not self._inside:
            return
        elif tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in {"submit", "button", "file", "image", "reset"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                return
            self._add(name, attrs.get("value") or ("on" if kind == "checkbox" else ""))
        elif tag == "textarea" and name:
            self._textarea = [name, ""]
        elif tag == "select" and name:
            self._select, self._select_first, self._select_chosen = name, None, False
        elif tag == "option" and self._select:
            value = attrs.get("value", "")
            if self._select_first is None:
                self._select_first = value
            if "selected" in attrs:
                self._add(self._select, value)
                self._select_chosen = True

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._inside = False
        elif tag == "textarea" and self._textarea is not None:
            name, text = self._textarea
            # The HTML parser keeps the newline browsers drop after <textarea>.
            self._add(name, text.removeprefix("\n"))
            self._textarea = None
        elif tag == "select" and self._select:
            if not self._select_chosen and self._select_first is not None:
                self._add(self._select, self._select_first)
            self._select = None


def _forms(html: str) -> list[tuple[str | None, list[tuple[str, str]]]]:
    parser = Forms()
    parser.feed(html)
    # Admin inline formsets also hold an empty template form that the page's script copies.
    return [
        (form_id, [(name, value) for name, value in fields if "__prefix__" not in name])
        for form_id, fields in parser.forms
    ]


def form_fields(html: str, form_id: str) -> list[tuple[str, str]]:
    """The fields of the form with this id; none when the page has no such form."""
    return next((fields for found, fields in _forms(html) if found == form_id), [])


def form_with(html: str, field_name: str) -> list[tuple[str, str]]:
    """The fields of the first form that has a field of this name."""
    for _form_id, fields in _forms(html):
        if any(name == field_name for name, _ in fields):
            return fields
    raise RuntimeError(f"no form with the field {field_name!r} on the page")


def set_cookies(headers: Message) -> dict[str, str]:
    """The cookies an answer's Set-Cookie headers set, by name."""
    jar = SimpleCookie()
    for header in headers.get_all("Set-Cookie") or []:
        jar.load(header)
    return {name: morsel.value for name, morsel in jar.items()}
