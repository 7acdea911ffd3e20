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


def test_one_english_text_reads_the_same_in_every_catalogue():
    # Django merges the apps' catalogues and the first app listed wins, so a msgid that two
    # apps translate differently silently shows one of them everywhere. Keep them equal;
    # where the meaning really differs, the English text must differ too.
    from babel.messages.pofile import read_po

    seen: dict[str, tuple[str, str]] = {}
    clashes = []
    for path in sorted(PACKAGE.glob("*/locale/zh_Hans/LC_MESSAGES/django.po")):
        with path.open("rb") as handle:
            for message in read_po(handle):
                if not message.id or not isinstance(message.id, str) or not message.string:
                    continue
                key = f"{message.context or ''}|{message.id}"
                app = path.relative_to(PACKAGE).parts[0]
                first = seen.setdefault(key, (app, message.string))
                if first[1] != message.string:
                    clashes.append(f"{message.id!r}: {first} vs {(app, message.string)}")
    assert not clashes, "\n".join(clashes)
