"""No import circles: no module imports itself back through others (imports inside functions count)."""

from __future__ import annotations

import grimp

PACKAGES = ("bot", "cli", "web", "ritual", "texts", "storage", "capture", "metrics")


def circles(graph: grimp.ImportGraph) -> list[list[str]]:
    """The groups of modules that import one another in a circle (Tarjan's strongly connected
    components with more than one module, or a module that imports itself)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for imported in graph.find_modules_directly_imported_by(module):
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            group = []
            while not group or group[-1] != module:
                group.append(stack.pop())
            if len(group) > 1 or graph.direct_import_exists(importer=module, imported=module):
                found.append(sorted(group))

    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return found


def test_no_module_imports_itself_back():
    assert circles(grimp.build_graph(*PACKAGES, cache_dir=None)) == []


def test_a_circle_is_found(tmp_path, monkeypatch):
    package = tmp_path / "loop"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from loop import b  # noqa\n")
    (package / "b.py").write_text("def late():\n    from loop import a  # noqa\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert circles(grimp.build_graph("loop", cache_dir=None)) == [["loop.a", "loop.b"]]
