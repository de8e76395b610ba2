"""The package's shape, checked from its source: no import cycles, one owner for each model SDK.

Imports are read with ``ast``, the ones inside functions included (they run as
soon as the function does); imports under ``if TYPE_CHECKING:`` are left out,
since they never run.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "summarizer"
TESTS = Path(__file__).resolve().parent
SDKS = {"openai", "instructor", "llama_cpp"}
MAX_LINES = 400
OVER_LIMIT: set[str] = set()


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def imports(tree: ast.AST, *, type_checking: bool = False) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import statement, wherever it is; those under ``if TYPE_CHECKING:`` only when asked."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and _is_type_checking(node):
            if type_checking:
                yield from imports(node, type_checking=True)
            for child in node.orelse:
                yield from imports(ast.Module(body=[child], type_ignores=[]), type_checking=type_checking)
            continue
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
        yield from imports(node, type_checking=type_checking)


def imported(name: str, path: Path, node: ast.Import | ast.ImportFrom) -> list[str]:
    """The absolute names ``node`` imports: modules, and for ``from M import x`` also ``M.x`` when it is one."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    base = node.module or ""
    if node.level:
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for _ in range(node.level - 1):
            package = package.rpartition(".")[0]
        base = f"{package}.{base}" if base else package
    return [base] + [f"{base}.{alias.name}" for alias in node.names]


def dependencies(name: str) -> set[str]:
    """The package's modules that importing ``name`` runs, directly: each imported one and its packages."""
    path = MODULES[name]
    found: set[str] = set()
    for node in imports(ast.parse(path.read_text(encoding="utf-8"))):
        for target in imported(name, path, node):
            if target in MODULES and target != name:
                found.add(target)  # named: even this module's own package (``from . import x``)
            while target := target.rpartition(".")[0]:  # run on the way, unless already running above us
                if target in MODULES and not name.startswith(f"{target}."):
                    found.add(target)
    return found


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in graph[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in graph:
        if node not in index:
            visit(node)
    return found


def test_the_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_import_cycle_among_summarizers_modules():
    graph = {name: dependencies(name) for name in MODULES}
    assert graph["summarizer.core"], "the import reader found nothing: it is broken"
    assert cycles(graph) == []


def test_only_the_backends_import_the_model_sdks():
    offenders = []
    for name, path in MODULES.items():
        if name == "summarizer.backends" or name.startswith("summarizer.backends."):
            continue
        for node in imports(ast.parse(path.read_text(encoding="utf-8")), type_checking=True):
            roots = {target.split(".")[0] for target in imported(name, path, node) if not getattr(node, "level", 0)}
            offenders += [f"{name} imports {sdk}" for sdk in sorted(roots & SDKS)]
    assert offenders == []


def test_tests_import_no_private_module_of_the_backends():
    offenders = []
    for path in sorted(TESTS.glob("*.py")):
        text = path.read_text(encoding="utf-8")
        for node in imports(ast.parse(text), type_checking=True):
            for target in imported(path.stem, path, node):
                if target.startswith("summarizer.backends.") and target.split(".")[2].startswith("_"):
                    offenders.append(f"{path.name}: {target}")
        private = "summarizer.backends." + "_"  # a monkeypatch target names a module too
        offenders += [f"{path.name}: patches {private}..."] if private in text else []
    assert offenders == []



def test_no_module_is_over_400_lines():
    over = {path.name: n for path in MODULES.values() if (n := len(path.read_text(encoding="utf-8").splitlines()))
            > MAX_LINES}
    assert set(over) <= OVER_LIMIT, over


def test_the_cleaner_only_cleans_text():
    """Whether an input is an HTML page is the input layer's question (``inputs.clean_input``), not the cleaner's."""
    assert "summarizer.html" not in dependencies("summarizer.cleaning")
    assert "summarizer.html" in dependencies("summarizer.inputs")
