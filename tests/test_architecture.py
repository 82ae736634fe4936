"""The project's own import graph: no two modules import each other, the kernel uses no app, and
the apps import one another only in the directions ALLOWED_APP_IMPORTS declares.

The graph is read from the source with `ast`, not by importing it, and holds every import, also
those inside functions: an import moved into a method still makes two modules depend on each
other, only later. An import under `if TYPE_CHECKING:` counts as well.

How an import becomes an edge: `from a.b import c` is an edge to `a.b.c` where that is a module
of the project, else to `a.b`; `import a.b` is an edge to `a.b`.

Packages and their `__init__`: importing `a.b.c` first runs `a/__init__.py` and
`a/b/__init__.py`. From a module outside the package that step is an edge too (to `a` and
`a.b`): a kernel package whose `__init__` imported an app would tie every app that uses one of
its submodules into a cycle. From a module inside the package it is not: the package is already
running, and a package whose `__init__` re-exports its submodules (the models packages do) would
otherwise form a cycle with each of them. An explicit import of the package's own names from one
of its submodules (`from . import Name`) is an edge, and the cycle through `__init__` it makes
is one.

Imports by name at run time (`include("projects.urls")`, `apps.get_model(...)`) are not read.
"""

import ast
import functools
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = (
    "hamarregion",
    "accounts",
    "programme",
    "projects",
    "meetings",
    "publication",
    "grants",
    "archive",
    "workbench",
)
KERNEL = "hamarregion"
APPS = (
    "accounts",
    "programme",
    "projects",
    "meetings",
    "publication",
    "grants",
    "archive",
    "workbench",
)

# The kernel's imports of apps that are left, as (kernel module, app module) pairs: none. An app
# hands the kernel what it contributes (its content, sitemaps, search groups) by registering it
# in its AppConfig.ready(). The list must never grow; the test below keeps it exact.
KERNEL_IMPORTS_OF_APPS: set[tuple[str, str]] = set()

# Which apps each app may import, besides the kernel (docs/architecture.md draws it): the
# programme is at the bottom, projects build on it, the public read side (publication) and the
# meetings on both. No circle: an app never reaches itself through these edges. Where an app
# needs something of one above it, it reads it through a relation of its models
# (_meta.get_field(...).related_model) or the other app registers it with the kernel.
ALLOWED_APP_IMPORTS: dict[str, set[str]] = {
    "accounts": set(),
    "programme": {"accounts"},
    "projects": {"accounts", "programme"},
    "meetings": {"accounts", "programme", "projects"},
    "publication": {"accounts", "programme", "projects"},
    "grants": {"accounts", "programme", "projects"},
    "archive": {"accounts", "programme", "projects", "grants"},
    # The secretariat's work queue reads the cases, their follow-up and the council's agenda.
    "workbench": {"accounts", "programme", "projects", "grants", "meetings"},
}


def project_modules() -> dict[str, Path]:
    modules = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            if "migrations" in parts or "tests" in parts:
                continue
            if parts[-1] == "__init__":
                parts = parts[:-1]
            modules[".".join(parts)] = path
    return modules


def imported_modules(name: str, path: Path, modules, *, packages=True) -> set[str]:
    """The project's modules that the module `name` imports, anywhere in its body; with
    `packages`, also the packages whose `__init__` those imports run first."""
    is_package = path.name == "__init__.py"
    package = name if is_package else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                source = ".".join([*base, node.module] if node.module else base)
            else:
                source = node.module
            # `from a import b` imports the module a.b when there is one, else the name b of a.
            targets = [
                f"{source}.{alias.name}" if f"{source}.{alias.name}" in modules else source
                for alias in node.names
            ]
        else:
            continue
        for target in targets:
            # `import a.b.c` of something not ours (a name, a third-party module): its nearest
            # module of ours, if any.
            while target and target not in modules:
                target = target.rpartition(".")[0]
            if target:
                found.add(target)
                if packages:
                    found |= packages_run_first(name, target, modules)
    return found


def packages_run_first(name: str, target: str, modules) -> set[str]:
    """The packages whose `__init__` importing `target` from the module `name` runs first: those
    around `target` that are not around `name` as well (those are already running)."""
    parts = target.split(".")
    packages = {".".join(parts[:end]) for end in range(1, len(parts))}
    return {
        package
        for package in packages
        if package in modules and not (name == package or name.startswith(f"{package}."))
    }


@functools.cache
def import_graph(*, packages=True) -> dict[str, set[str]]:
    """Read once per run for each kind of edge; the tests only read it."""
    modules = project_modules()
    return {
        name: imported_modules(name, path, modules, packages=packages)
        for name, path in modules.items()
    }


def strongly_connected(graph) -> list[list[str]]:
    """Tarjan's algorithm, iterative: the groups of modules that each reach one another."""
    index, low, on_stack, stack, groups = {}, {}, set(), [], []
    counter = 0
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, successors = work[-1]
            for successor in successors:
                if successor not in index:
                    index[successor] = low[successor] = counter
                    counter += 1
                    stack.append(successor)
                    on_stack.add(successor)
                    work.append((successor, iter(sorted(graph[successor]))))
                    break
                if successor in on_stack:
                    low[node] = min(low[node], index[successor])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    group = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.append(member)
                        if member == node:
                            break
                    groups.append(sorted(group))
    return groups


def describe(group, graph) -> str:
    members = set(group)
    edges = [f"{a} -> {b}" for a in group for b in sorted(graph[a]) if b in members]
    return "\n  ".join(edges)


def test_the_import_graph_is_read():
    """A guard for the tests below: the walk finds the modules and the imports that are known."""
    graph = import_graph()
    assert "projects.models.application" in graph["projects.models"]
    assert "programme.models" in graph["projects.models.application"]
    assert "hamarregion.fields" in graph["projects.models.application"]


def test_no_module_imports_itself_or_another_that_imports_it():
    graph = import_graph()
    cycles = [
        group
        for group in strongly_connected(graph)
        if len(group) > 1 or group[0] in graph[group[0]]
    ]
    assert not cycles, "Import cycles:\n" + "\n".join(
        f"- {', '.join(group)}\n  {describe(group, graph)}" for group in cycles
    )


def kernel_imports_of_apps(graph) -> set[tuple[str, str]]:
    return {
        (module, target)
        for module, targets in graph.items()
        if module.split(".")[0] == KERNEL
        for target in targets
        if target.split(".")[0] in APPS
    }


def test_the_kernel_imports_no_app_beyond_the_known_ones():
    found = kernel_imports_of_apps(import_graph(packages=False))
    new = sorted(found - KERNEL_IMPORTS_OF_APPS)
    assert not new, f"The kernel ({KERNEL}) imports apps: {new}"


def test_the_list_of_known_kernel_imports_of_apps_is_exact():
    gone = sorted(KERNEL_IMPORTS_OF_APPS - kernel_imports_of_apps(import_graph(packages=False)))
    assert not gone, f"No longer imported, take them off KERNEL_IMPORTS_OF_APPS: {gone}"


def app_imports(graph) -> dict[tuple[str, str], list[str]]:
    """(importing app, imported app) -> the module imports that make the edge."""
    edges: dict[tuple[str, str], list[str]] = {}
    for module, targets in graph.items():
        app = module.split(".")[0]
        for target in targets:
            other = target.split(".")[0]
            if app in APPS and other in APPS and other != app:
                edges.setdefault((app, other), []).append(f"{module} -> {target}")
    return edges


def test_every_app_has_its_place_in_the_allowed_graph():
    assert set(ALLOWED_APP_IMPORTS) == set(APPS)
    assert all(imported <= set(APPS) for imported in ALLOWED_APP_IMPORTS.values())


def test_the_allowed_app_graph_has_no_circle():
    circles = [
        group
        for group in strongly_connected(ALLOWED_APP_IMPORTS)
        if len(group) > 1 or group[0] in ALLOWED_APP_IMPORTS[group[0]]
    ]
    assert not circles, f"ALLOWED_APP_IMPORTS goes round: {circles}"


def test_the_apps_import_one_another_only_in_the_allowed_direction():
    edges = app_imports(import_graph(packages=False))
    forbidden = {
        (app, other): imports
        for (app, other), imports in sorted(edges.items())
        if other not in ALLOWED_APP_IMPORTS[app]
    }
    assert not forbidden, "Imports against the allowed app graph:\n" + "\n".join(
        f"- {app} -> {other}: {', '.join(sorted(imports))}"
        for (app, other), imports in forbidden.items()
    )


def test_the_app_graph_is_read():
    """A guard for the test above: the edges that are known are found."""
    edges = app_imports(import_graph(packages=False))
    assert ("publication", "projects") in edges
    assert ("projects", "programme") in edges
    assert ("meetings", "projects") in edges
