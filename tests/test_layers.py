"""The house rules of torchlint's layout, checked on the source (see README, "How torchlint works").

- imports among torchlint's modules (function-level ones included) form no cycle;
- the layers import one way: the abstract values know neither torch knowledge nor
  the walker; the torch knowledge does not know the walker; rules import only
  `torchlint.api`, never libcst;
- no module is over 800 lines;
- no module of the interpreter keeps mutable state at module level: every
  module-level binding there is a constant (a name in capitals, a function, a class).
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "torchlint"
RULES = ROOT / "rules"

VALUES_LAYER = ("torchlint.infer.values", "torchlint.infer.dims", "torchlint.infer.layout",
                "torchlint.infer.state", "torchlint.infer.run", "torchlint.infer.events")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(p): p for p in PACKAGE.rglob("*.py")}


def imports_of(path: Path) -> set:
    """The torchlint modules a module imports, anywhere in its body."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {id(n) for block in ast.walk(tree) if isinstance(block, ast.If) and _is_type_checking(block.test)
                   for n in ast.walk(block)}
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue  # `if TYPE_CHECKING:` imports are for annotations, never run
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                target = f"{base}.{node.module}" if node.module else base
            else:
                target = node.module or ""
            for alias in node.names:
                found.add(f"{target}.{alias.name}" if f"{target}.{alias.name}" in MODULES else target)
    return {m for m in found if m in MODULES and m != name}


def _is_type_checking(test) -> bool:
    return isinstance(test, ast.Name) and test.id == "TYPE_CHECKING" or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


GRAPH = {name: imports_of(path) for name, path in MODULES.items()}


def test_the_modules_import_each_other_without_a_cycle():
    state: dict = {}
    cycles = []

    def visit(name, trail):
        state[name] = "active"
        for target in sorted(GRAPH[name]):
            if state.get(target) == "active":
                cycles.append(trail[trail.index(target):] + [target] if target in trail else [name, target])
            elif target not in state:
                visit(target, trail + [target])
        state[name] = "done"

    for name in sorted(GRAPH):
        if name not in state:
            visit(name, [name])
    assert cycles == []


def test_the_layers_import_one_way():
    wrong = []
    for name, targets in GRAPH.items():
        for target in targets:
            if name in VALUES_LAYER and target.startswith(("torchlint.infer.knowledge", "torchlint.infer.walker")):
                wrong.append((name, target))
            if name.startswith("torchlint.infer.knowledge") and target.startswith("torchlint.infer.walker"):
                wrong.append((name, target))
    assert wrong == []


def test_rules_import_only_the_rule_api():
    for path in sorted(RULES.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                assert node.level == 0, f"{path.name}: a relative import in a rule module"
                assert node.module == "torchlint.api" or not node.module.startswith("torchlint"), (path.name, node.module)
                assert not node.module.startswith("libcst"), path.name
            elif isinstance(node, ast.Import):
                assert all(not a.name.startswith(("torchlint", "libcst")) for a in node.names), path.name


def test_no_module_is_over_800_lines():
    long = {name: n for name, path in MODULES.items()
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > 800}
    assert long == {}


# Module-level names of the interpreter that are not constants, each for a reason.
NOT_STATE = {
    "torchlint.infer.dims._current": "a context variable: it points at the run's own Sizes while the run lasts",
    "torchlint.infer.layout.Shape": "a type alias",
    "torchlint.infer.walker.interpreter.Subscriber": "a type alias",
}


def test_the_interpreter_keeps_no_mutable_state_at_module_level():
    found = []
    for name, path in MODULES.items():
        if not name.startswith("torchlint.infer"):
            continue
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, (ast.For, ast.While, ast.AugAssign)):
                found.append(f"{name}:{node.lineno}: a table changed after it is made")
            targets = node.targets if isinstance(node, ast.Assign) else (
                [node.target] if isinstance(node, ast.AnnAssign) else [])
            targets = [e for t in targets for e in (t.elts if isinstance(t, ast.Tuple) else [t])]
            for target in targets:
                if not isinstance(target, ast.Name):
                    found.append(f"{name}:{node.lineno}: an attribute set at module level")
                elif not (target.id.isupper() or target.id.startswith("__")) and f"{name}.{target.id}" not in NOT_STATE:
                    found.append(f"{name}.{target.id}")
        found += [f"{name}: global" for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                  if isinstance(node, ast.Global)]
    assert found == []


def test_every_package_folder_is_declared_so_the_wheel_carries_it():
    try:
        import tomllib
    except ImportError:  # Python < 3.11
        import tomli as tomllib

    declared = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    folders = {module_name(p) for p in PACKAGE.rglob("__init__.py")}
    assert folders - declared == set()
