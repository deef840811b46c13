"""The house: no import cycle when the package loads, and no module much over 400 lines
(the layers themselves are held by `lint-imports`, pyproject.toml [tool.importlinter]).

A cycle is counted among the imports a module makes when it loads (at the top of the
file); an import inside a function runs only when called and cannot leave a module
half-initialised, so it is left to the layers contract."""

from __future__ import annotations

from pathlib import Path

import grimp

SRC = Path(__file__).resolve().parents[1] / "src" / "ipdiff"


def loading_imports() -> grimp.ImportGraph:
    """The package's import graph, only the imports made at the top of each file."""
    full = grimp.build_graph("ipdiff")
    graph = grimp.ImportGraph()
    for importer in full.modules:
        graph.add_module(importer)
        for imported in full.find_modules_directly_imported_by(importer):
            details = full.get_import_details(importer=importer, imported=imported)
            path = SRC.parent / (importer.replace(".", "/") + ".py")
            if not path.exists():
                path = SRC.parent / importer.replace(".", "/") / "__init__.py"
            lines = path.read_text(encoding="utf-8").splitlines()
            if any(not lines[d["line_number"] - 1][:1].isspace() for d in details):
                graph.add_import(importer=importer, imported=imported)
    return graph


def _cycles(graph: grimp.ImportGraph) -> list[set[str]]:
    """Strongly connected components of more than one module (Tarjan, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[set[str]] = []
    for root in sorted(graph.modules):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.find_modules_directly_imported_by(root))))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            v, children = work[-1]
            w = next(children, None)
            if w is not None:
                if w not in index:
                    index[w] = low[w] = len(index)
                    stack.append(w)
                    on_stack.add(w)
                    work.append((w, iter(sorted(graph.find_modules_directly_imported_by(w)))))
                elif w in on_stack:
                    low[v] = min(low[v], index[w])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[v])
            if low[v] == index[v]:
                component = set()
                while True:
                    u = stack.pop()
                    on_stack.discard(u)
                    component.add(u)
                    if u == v:
                        break
                if len(component) > 1:
                    found.append(component)
    return found


def test_no_import_cycle_when_the_package_loads():
    assert _cycles(loading_imports()) == []


def test_no_module_much_over_400_lines():
    long = {p.relative_to(SRC).as_posix(): n for p in SRC.rglob("*.py") if (n := len(p.read_text().splitlines())) > 420}
    assert long == {}
