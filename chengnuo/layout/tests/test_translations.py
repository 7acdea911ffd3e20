"""Chinese first: every string the interface can show has a Simplified Chinese translation."""

import ast
import re
from pathlib import Path

import pytest
from django.utils import translation

PACKAGE = Path(__file__).resolve().parents[2]
GETTEXT_NAMES = {"_", "gettext", "gettext_lazy"}
TEMPLATE_TAG = re.compile(r"""{%\s*(?:translate|trans)\s+(["'])(.+?)\1""")


def _python_msgids():
    for path in PACKAGE.rglob("*.py"):
        if "migrations" in path.parts or "tests" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in GETTEXT_NAMES and node.args
                    and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str)):
                yield path.relative_to(PACKAGE), node.args[0].value


def _template_msgids():
    for path in PACKAGE.rglob("templates/**/*.html"):
        for match in TEMPLATE_TAG.finditer(path.read_text(encoding="utf-8")):
            yield path.relative_to(PACKAGE), match.group(2)


def test_the_scan_finds_strings_at_all():
    assert len(list(_python_msgids())) > 50 and len(list(_template_msgids())) > 50


@pytest.mark.parametrize("source", [_python_msgids, _template_msgids],
                         ids=["python", "templates"])
def test_every_string_has_a_chinese_translation(source):
    with translation.override("zh-hans"):
        missing = sorted({f"{where}: {msgid!r}" for where, msgid in source()
                          if translation.gettext(msgid) == msgid})
    assert not missing, "untranslated:\n" + "\n".join(missing)


def test_english_stays_available():
    with translation.override("en"):
        assert translation.gettext("Log out") == "Log out"
    with translation.override("zh-hans"):
        assert translation.gettext("Log out") == "退出"
