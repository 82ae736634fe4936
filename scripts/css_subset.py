"""`make css`: static/css/bootstrap.used.css, the rules of Bootstrap's CSS that the portal's pages
can use, from the bootstrap.min.css that django-js-lib-bootstrap5 ships. The file is committed:
`make run` and `make test` only read it. Run `make css` again after a template, form or script
starts using a Bootstrap class it did not use before (tests/test_css_subset.py fails until then).

What is kept:
- every rule whose selectors need only classes that occur as words in the sources (sources()):
  each selector of a rule is dropped alone, a rule with none left goes;
- every rule that needs no class (the reboot's element rules): the secretariat's Markdown and
  Django's widgets make elements that no template names;
- classes inside :not(), :is(), :where() and :has() are not required, since the selector can
  match without them;
- custom properties (--bs-*) that a kept rule, a stylesheet, template or script of ours reads;
- @keyframes that a kept rule names.
Selectors on Bootstrap's data-bs-* attributes (its colour modes, its JavaScript, which the
portal does not load) are dropped unless a source names the attribute.
"""

import importlib.metadata
import importlib.resources
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import tinycss2

PROJECT = Path(__file__).resolve().parent.parent
OUTPUT = PROJECT / "static" / "css" / "bootstrap.used.css"
DISTRIBUTION = "django-js-lib-bootstrap5"
PACKAGES = ("hamarregion", "programme", "projects", "meetings", "publication")
WORD = re.compile(r"[A-Za-z0-9_-]+")
VARIABLE = re.compile(r"var\(\s*(--[A-Za-z0-9_-]+)")


def package_folder(package: str) -> Path:
    return Path(str(importlib.resources.files(package)))


def full_css_path() -> Path:
    return package_folder("js_lib_bootstrap5") / "static/js-lib-bootstrap5/css/bootstrap.min.css"


# crispy-bootstrap5's templates of layout objects the portal does not use, each with the names
# that would use it. Their classes (accordion, modal, tabs, floating labels, …) would keep 2 KB
# of gzipped CSS that no page needs; a template is scanned again once a source of ours names one
# of its objects or the template's path (helper.template = "bootstrap5/table_inline_formset.html").
CRISPY_LAYOUT_TEMPLATES = {
    "accordion.html": {"Accordion"},
    "accordion-group.html": {"AccordionGroup"},
    "layout/alert.html": {"Alert"},
    "layout/field_with_buttons.html": {"FieldWithButtons"},
    "layout/floating_field.html": {"FloatingField"},
    "layout/inline_field.html": {"InlineField"},
    "layout/modal.html": {"Modal"},
    "layout/prepended_appended_text.html": {
        "PrependedAppendedText",
        "PrependedText",
        "AppendedText",
        "crispy_addon",
    },
    "layout/switch.html": {"Switch"},
    "layout/tab.html": {"TabHolder"},
    "layout/tab-link.html": {"Tab", "TabHolder"},
    "table_inline_formset.html": set(),
}


def crispy_folder() -> Path:
    return package_folder("crispy_bootstrap5") / "templates" / "bootstrap5"


def template_folders() -> list[Path]:
    """The folders of templates the portal renders with Bootstrap: its own (not admin/, which
    Django's admin styles), each app's, crispy-bootstrap5's, and Django's form widgets."""
    return [
        PROJECT / "templates",
        *(PROJECT / package / "templates" for package in PACKAGES),
        crispy_folder().parent,
        package_folder("django.forms") / "templates",
    ]


def templates_in(folder: Path) -> list[Path]:
    return [path for path in folder.rglob("*.html") if path.relative_to(folder).parts[0] != "admin"]


def own_sources() -> list[Path]:
    """Our templates, the Python that puts classes in widgets' attrs and in crispy helpers, and
    the scripts that add classes at run time."""
    found = []
    for folder in template_folders()[: 1 + len(PACKAGES)]:
        found += templates_in(folder)
    for package in PACKAGES:
        found += [
            path for path in (PROJECT / package).rglob("*.py") if "migrations" not in path.parts
        ]
    found += (PROJECT / "static" / "js").glob("*.js")
    return found


def unnamed_crispy_templates(own: list[Path]) -> set[Path]:
    texts = [path.read_text(encoding="utf-8") for path in own]
    words = set().union(*(WORD.findall(text) for text in texts))
    return {
        crispy_folder() / name
        for name, users in CRISPY_LAYOUT_TEMPLATES.items()
        if not users & words and not any(f"/{name}" in text for text in texts)
    }


def sources() -> list[Path]:
    """Where a class can come from: our own sources, and the templates of the libraries that
    render our forms, but for the crispy layouts that no source of ours names."""
    own = own_sources()
    unnamed = unnamed_crispy_templates(own)
    libraries = [*templates_in(crispy_folder().parent), *templates_in(template_folders()[-1])]
    return sorted([*own, *(path for path in libraries if path not in unnamed)])


def used_words(paths) -> set[str]:
    """Every word in the sources. Loose on purpose: a word that only looks like a class keeps a
    rule too many, while a parser of class attributes would miss a class passed through
    `{% include … with %}` or built in Python."""
    words = set()
    for path in paths:
        words.update(WORD.findall(path.read_text(encoding="utf-8")))
    return words


def variables_read(paths) -> set[str]:
    """The custom properties our own stylesheets, templates and scripts read."""
    names = set()
    for path in paths:
        names.update(VARIABLE.findall(path.read_text(encoding="utf-8")))
    return names


def own_stylesheets() -> list[Path]:
    return sorted(path for path in (PROJECT / "static" / "css").glob("*.css") if path != OUTPUT)


def split_selectors(prelude) -> list[list]:
    selectors = [[]]
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            selectors.append([])
        else:
            selectors[-1].append(token)
    return selectors


def needs(selector) -> tuple[set[str], set[str]]:
    """The classes and the data-bs-* attributes an element must have for `selector` to match."""
    classes, attributes = set(), set()
    for before, token in zip([None, *selector], selector, strict=False):
        if token.type == "ident" and before is not None and before.type == "literal":
            if before.value == ".":
                classes.add(token.value)
        elif token.type == "[] block":
            name = next((part.value for part in token.content if part.type == "ident"), "")
            if name.startswith("data-bs-"):
                attributes.add(name)
    return classes, attributes


def kept_selectors(prelude, words: set[str]) -> str:
    kept = []
    for selector in split_selectors(prelude):
        classes, attributes = needs(selector)
        if classes <= words and attributes <= words:
            kept.append(tinycss2.serialize(selector).strip())
    return ",".join(kept)


@dataclass
class Style:
    selector: str
    declarations: list


@dataclass
class Group:
    """@media and the like, around the rules kept inside it."""

    head: str
    rules: list


@dataclass
class Keyframes:
    name: str
    text: str


def filtered(rules, words: set[str]) -> list:
    """`rules` (tinycss2's) without the selectors that need a class or attribute not in `words`,
    as Style, Group and Keyframes."""
    result = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selector = kept_selectors(rule.prelude, words)
            if selector:
                declarations = tinycss2.parse_blocks_contents(
                    rule.content, skip_comments=True, skip_whitespace=True
                )
                result.append(Style(selector, [d for d in declarations if d.type == "declaration"]))
        elif rule.type == "at-rule" and rule.lower_at_keyword == "keyframes":
            result.append(Keyframes(tinycss2.serialize(rule.prelude).strip(), rule.serialize()))
        elif rule.type == "at-rule" and rule.content is not None:
            inner = tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True)
            children = filtered(inner, words)
            if children:
                head = f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude).rstrip()}"
                result.append(Group(head, children))
    return result


def declaration_text(declaration) -> str:
    value = tinycss2.serialize(declaration.value)
    # A custom property's value is kept as it is: Bootstrap's empty ones are a single space.
    if not declaration.name.startswith("--"):
        value = value.strip()
    return f"{declaration.name}:{value}{'!important' if declaration.important else ''}"


def serialized(rules) -> list[str]:
    """One line a rule, and a line for each end of a group."""
    lines = []
    for rule in rules:
        match rule:
            case Style(selector, declarations):
                lines.append(f"{selector}{{{';'.join(map(declaration_text, declarations))}}}")
            case Group(head, children):
                lines += [f"{head}{{", *serialized(children), "}"]
            case Keyframes(_name, text):
                lines.append(text)
    return lines


def pruned(rules, read: set[str]) -> list:
    """The rules without the declarations of custom properties not in `read`, and without the
    rules and groups that leaves empty."""
    result = []
    for rule in rules:
        match rule:
            case Style(selector, declarations):
                kept = [d for d in declarations if not d.name.startswith("--") or d.name in read]
                if kept:
                    result.append(Style(selector, kept))
            case Group(head, children):
                if children := pruned(children, read):
                    result.append(Group(head, children))
            case Keyframes():
                result.append(rule)
    return result


def without_unread_variables(rules, read_elsewhere: set[str]) -> list:
    # A property read only by a declaration that goes is unread in turn: repeat until stable.
    while True:
        read = read_elsewhere | set(VARIABLE.findall("\n".join(serialized(rules))))
        smaller = pruned(rules, read)
        if smaller == rules:
            return rules
        rules = smaller


def without_unused_keyframes(rules) -> list:
    text = "\n".join(serialized(rule for rule in rules if not isinstance(rule, Keyframes)))
    return [
        rule
        for rule in rules
        if not isinstance(rule, Keyframes) or re.search(rf"\b{re.escape(rule.name)}\b", text)
    ]


def banner(css: str) -> str:
    """Bootstrap's licence comment, which the MIT licence asks copies to keep."""
    match = re.search(r"/\*!.*?\*/", css, re.DOTALL)
    return match.group(0) if match else ""


def subset(css: str, words: set[str], read_elsewhere: set[str]) -> str:
    """The reduced stylesheet: `css` cut down to what `words` can use."""
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    kept = filtered(rules, words)
    kept = without_unused_keyframes(without_unread_variables(kept, read_elsewhere))
    version = importlib.metadata.version(DISTRIBUTION)
    header = [
        '@charset "UTF-8";',
        banner(css),
        f"/* Generated by `make css` (scripts/css_subset.py) from bootstrap.min.css of "
        f"{DISTRIBUTION} {version}: only the rules the portal's templates, Python and "
        "JavaScript can use. Do not edit by hand. */",
    ]
    return "\n".join([*header, *serialized(kept)]) + "\n"


def build() -> str:
    paths = sources()
    read = variables_read([*paths, *own_stylesheets()])
    return subset(full_css_path().read_text(encoding="utf-8"), used_words(paths), read)


def main() -> None:
    css = build()
    OUTPUT.write_text(css, encoding="utf-8")
    full = full_css_path().stat().st_size
    print(f"{OUTPUT.relative_to(PROJECT)}: {len(css.encode())} bytes (Bootstrap's: {full})")


if __name__ == "__main__":
    sys.exit(main())
