"""No Python module of the project grows past ~400 lines: one that does becomes a package, or
modules, split by concern (docs/conventions.md)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MOST_LINES = 400

# Folders that hold no module of ours: Django's generated migrations, collected static files,
# runtime data, caches and virtual environments (any folder with a pyvenv.cfg).
SKIPPED_FOLDERS = {"migrations", "staticfiles", "var", "node_modules", "__pycache__"}


def project_modules():
    """Every .py file of the project, as a path relative to its root."""
    found = []
    folders = [ROOT]
    while folders:
        folder = folders.pop()
        for entry in sorted(folder.iterdir()):
            if entry.is_dir():
                skipped = entry.name.startswith(".") or entry.name in SKIPPED_FOLDERS
                if not skipped and not (entry / "pyvenv.cfg").exists():
                    folders.append(entry)
            elif entry.suffix == ".py":
                found.append(entry.relative_to(ROOT).as_posix())
    return found


def line_count(module):
    return len((ROOT / module).read_text(encoding="utf-8").splitlines())


def test_the_walk_finds_the_kernel_the_apps_the_scripts_and_the_tests_but_no_migration():
    modules = set(project_modules())

    for known in (
        "manage.py",
        "hamarregion/settings.py",
        "programme/models/content.py",
        "projects/admin/__init__.py",
        "meetings/models.py",
        "scripts/bench.py",
        "tests/factories/__init__.py",
        "tests/test_module_size.py",
    ):
        assert known in modules
    assert not [module for module in modules if "/migrations/" in module]
    assert not [module for module in modules if module.startswith(".")]


def test_no_module_is_over_400_lines():
    too_long = {
        module: lines for module in project_modules() if (lines := line_count(module)) > MOST_LINES
    }

    assert not too_long, "Split these modules by concern, each under ~400 lines: " + ", ".join(
        f"{module} ({lines} lines)" for module, lines in sorted(too_long.items())
    )
