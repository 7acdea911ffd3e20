import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[3]


def test_deploy_check_reports_nothing_with_production_variables():
    # The browser tests allow async-unsafe calls for Playwright; production never does.
    env = {name: value for name, value in os.environ.items()
           if name != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env |= {"CHENGNUO_PRODUCTION": "1", "DEBUG": "0",
            "SECRET_KEY": "a-long-random-production-secret-" + "k7Qz9" * 10,
            "ALLOWED_HOSTS": "chengnuo.example.cn"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    env["CHENGNUO_PRODUCTION"] = "1"
    result = subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr


def test_the_embedded_sqlite_file_runs_in_wal_mode_with_immediate_transactions(tmp_path):
    # The test database lives in memory, where WAL does not apply: check a real file.
    env = {name: value for name, value in os.environ.items() if name != "DATABASE_URL"}
    env["SQLITE_PATH"] = str(tmp_path / "embedded.sqlite3")
    script = ("from django.db import connection\n"
              "cursor = connection.cursor()\n"
              "cursor.execute('PRAGMA journal_mode')\n"
              "print(cursor.fetchone()[0], connection.transaction_mode)")
    result = subprocess.run([sys.executable, "manage.py", "shell", "-c", script], cwd=ROOT,
                            env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-2:] == ["wal", "IMMEDIATE"]


def test_the_interface_defaults_to_simplified_chinese():
    assert settings.LANGUAGE_CODE == "zh-hans"
    assert [code for code, _ in settings.LANGUAGES] == ["zh-hans", "en"]
