"""The package shows the pipeline: one folder per stage, imports only downwards (import-linter's
layers contract in pyproject.toml), pages only from template files, and modules short enough to
read or saying why they are not."""

import ast
import re
import tomllib
from pathlib import Path

import pytest
from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "kg"
STAGES = ("load", "check", "query", "views")


def _contract_config(tmp_path: Path, layers: list[str]) -> str:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    contract = dict(config["contracts"][0], layers=layers)
    lines = ['[tool.importlinter]', f'root_package = "{config["root_package"]}"', "",
             "[[tool.importlinter.contracts]]"]
    lines += [f"{key} = {_toml(value)}" for key, value in contract.items()]
    path = tmp_path / "pyproject.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def _toml(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return '"' + str(value).replace('"', '\\"') + '"'


def _layers() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    return list(config["contracts"][0]["layers"])


def test_a_lower_stage_never_imports_a_higher_one(tmp_path, capsys):
    assert lint_imports(config_filename=_contract_config(tmp_path, _layers()), no_cache=True, no_logo=True) == 0
    assert "Contracts: 1 kept, 0 broken." in capsys.readouterr().out


def test_the_contract_catches_an_upward_import(tmp_path, capsys):
    """Swapping two stages must break the contract: views imports query, not the other way round."""
    layers = _layers()
    i, j = layers.index("publish | views | remote"), layers.index("query")
    layers[i], layers[j] = "query", "publish | views | remote"
    assert lint_imports(config_filename=_contract_config(tmp_path, layers), no_cache=True, no_logo=True) == 1
    out = capsys.readouterr().out
    assert "kg.query is not allowed to import kg.views" in out or "kg.query.analytics" in out


@pytest.mark.parametrize("stage", STAGES)
def test_every_stage_says_what_it_does_and_what_it_may_use(stage):
    doc = ast.get_docstring(ast.parse((PACKAGE / stage / "__init__.py").read_text(encoding="utf-8")))
    assert doc and doc.startswith("Stage "), stage
    assert "May use:" in doc, stage


def test_modules_are_short_or_say_why():
    long = []
    for path in sorted(PACKAGE.rglob("*.py")):
        lines = path.read_text(encoding="utf-8").count("\n")
        doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
        if lines > 400 and "long" not in doc.lower():
            long.append(f"{path.relative_to(ROOT)}: {lines} lines")
    assert long == []


def test_every_module_has_a_docstring():
    missing = [str(p.relative_to(ROOT)) for p in sorted(PACKAGE.rglob("*.py"))
               if not ast.get_docstring(ast.parse(p.read_text(encoding="utf-8")))]
    assert missing == []


def _string_constants(tree: ast.AST):
    """Every string literal in the module except docstrings."""
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                  and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            yield node


def test_no_html_page_is_built_from_python_strings():
    markup = re.compile(r"<(!DOCTYPE|html|head|body|div|table|tr|td|th|ul|li|a|p|h[1-6]|section|svg|path|script|style|"
                        r"span|label|input|select|option|button)[\s>/]", re.I)
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in _string_constants(ast.parse(path.read_text(encoding="utf-8"))):
            if markup.search(node.value):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.value[:60]!r}")
    assert offenders == []
    templates = sorted(p.name for p in (PACKAGE / "views" / "templates").glob("*.html"))
    assert {"network.html", "edition.html", "map.html", "index.html"} <= set(templates)


def test_templates_escape_by_default():
    from kg.views.render import render
    page = render("index.html", title="<b>x</b>", lang="de", views=[("a.html", '"><script>')], editions=[],
                  queries=[], summary="&", head=("a", "b", "c", "d", "e", "f"), kinds=[], exports=[], home="index.html",
                  w={"home": "Start", "placeholder": "<i>", "none": "", "found": ""},
                  data={"entries": [{"l": "</script><script>alert(1)</script>"}]})
    assert "<b>x</b>" not in page and "&lt;b&gt;x&lt;/b&gt;" in page
    assert '"><script>' not in page and "&#34;&gt;&lt;script&gt;" in page
    assert "<i>" not in page and "</script><script>alert(1)" not in page
