"""The package's shape: stages in folders, small modules and functions, no import cycle,
the wheel holding the package alone."""
from __future__ import annotations

import ast
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "extractor"
MAX_TOP_MODULES = 8
MAX_LINES = 500
MAX_COMPLEXITY = 30


def modules() -> dict[str, Path]:
    """Dotted name → file, for every module of the package and of tools/."""
    out = {}
    for path in sorted([*PACKAGE.rglob("*.py"), *(ROOT / "tools").rglob("*.py")]):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return out


def imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The package's modules that `name` imports, at the top or inside functions."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
            target = ".".join([*base, *(node.module.split(".") if node.module else [])])
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                found.add(sub if sub in known else target)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return {m for m in found if m in known and m != name}


def test_the_top_of_the_package_is_small_and_the_stages_are_folders():
    top = [p.name for p in PACKAGE.glob("*.py")]
    assert len(top) <= MAX_TOP_MODULES, top
    stages = {"text", "entities", "links", "facts", "io", "run"}
    assert stages <= {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()}


def test_no_module_is_long():
    long = {name: n for name, path in modules().items() if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not long, f"modules over {MAX_LINES} lines: {long}"


def test_no_function_is_complex():
    from radon.complexity import cc_visit

    complex_ = {
        f"{name}:{block.fullname}": block.complexity
        for name, path in modules().items()
        for block in cc_visit(path.read_text(encoding="utf-8"))
        if block.complexity > MAX_COMPLEXITY
    }
    assert not complex_, f"cyclomatic complexity over {MAX_COMPLEXITY}: {complex_}"


def test_no_import_cycle():
    mods = {n: p for n, p in modules().items() if n.startswith("extractor")}
    graph = {name: imports(name, path, set(mods)) for name, path in mods.items()}
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                pytest.fail("import cycle: " + " → ".join(path[path.index(nxt):] + [nxt]))
            if nxt not in state:
                visit(nxt)
        path.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)


def test_the_stages_never_import_the_runner():
    mods = modules()
    below = [n for n in mods if n.startswith("extractor.") and not n.startswith(("extractor.run", "extractor.integrations", "extractor.evaluate"))]
    upward = {n: sorted(m for m in imports(n, mods[n], set(mods)) if m.startswith(("extractor.run", "extractor.integrations", "tools")))
              for n in below}
    assert not {n: m for n, m in upward.items() if m}


def test_pyproject_lists_every_subpackage():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    tree = {".".join(p.parent.relative_to(ROOT).parts) for p in PACKAGE.rglob("__init__.py")} | {"extractor.models"}
    assert set(config["packages"]) == tree


@pytest.mark.slow
def test_the_wheel_installs_the_package_alone(tmp_path):
    source = tmp_path / "source"  # a copy: a build/ folder left in the checkout would leak into the wheel
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(".*", "build", "*.egg-info", "__pycache__", "out", "results", "tests"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(source)], check=True)
    (wheel,) = tmp_path.glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert {n.split("/")[0] for n in names} == {"extractor", wheel.name.split("-")[0] + "-" + wheel.name.split("-")[1] + ".dist-info"}
    assert "extractor/models/works_as/weights.json" in names and "extractor/models/works_as/manifest.json" in names
    assert "extractor/lexicons/bodies.tsv" in names and "extractor/schema.json" in names
    assert not any(n.startswith("extractor/tools") or "bench" in n or "train" in n for n in names)
