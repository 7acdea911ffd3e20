import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from chengnuo.ledger.models import GENESIS_HASH, LedgerEntry
from chengnuo.ledger.services import ledger_append, ledger_verify


@pytest.fixture
def three_entries(db):
    return [ledger_append(kind="test.publish", subject=f"pledge:{n}",
                          payload={"text": f"承诺事项{n}", "n": n}) for n in range(1, 4)]


def test_entries_chain_from_the_genesis_hash(three_entries):
    first, second, third = three_entries
    assert first.previous_hash == GENESIS_HASH
    assert second.previous_hash == first.hash and third.previous_hash == second.hash
    assert [e.sequence for e in three_entries] == [1, 2, 3]
    assert len(first.fingerprint) == 12


def test_an_intact_ledger_verifies(three_entries, capsys):
    assert ledger_verify() == (3, None)
    call_command("verify_ledger")
    assert "3" in capsys.readouterr().out


def test_an_empty_ledger_verifies(db):
    assert ledger_verify() == (0, None)


def _sql(statement, params):
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def test_a_row_altered_behind_the_applications_back_is_named(three_entries):
    table = LedgerEntry._meta.db_table
    _sql(f"UPDATE {table} SET subject = %s WHERE sequence = %s", ["pledge:forged", 2])
    with pytest.raises(CommandError, match="#2"):
        call_command("verify_ledger")


def test_an_altered_payload_is_caught(three_entries):
    table = LedgerEntry._meta.db_table
    _sql(f"UPDATE {table} SET payload = %s WHERE sequence = %s", ['{"text": "改过", "n": 1}', 1])
    checked, broken = ledger_verify()
    assert broken.sequence == 1 and checked == 0


def test_a_removed_row_in_the_middle_is_named(three_entries):
    _sql(f"DELETE FROM {LedgerEntry._meta.db_table} WHERE sequence = %s", [2])
    with pytest.raises(CommandError, match="#2"):
        call_command("verify_ledger")


def test_a_removed_newest_row_is_caught_through_the_head(three_entries):
    _sql(f"DELETE FROM {LedgerEntry._meta.db_table} WHERE sequence = %s", [3])
    checked, broken = ledger_verify()
    assert checked == 2 and broken.sequence == 3


def test_a_rehashed_forgery_still_breaks_the_next_link(three_entries):
    # Someone rewrites entry 1 and recomputes its own hash: entry 2 no longer points to it.
    from chengnuo.ledger.services import entry_hash

    first = three_entries[0]
    forged = entry_hash(previous_hash=GENESIS_HASH, sequence=1, recorded_at=first.recorded_at,
                        kind=first.kind, subject="pledge:forged", payload=first.payload)
    _sql(f"UPDATE {LedgerEntry._meta.db_table} SET subject = %s, hash = %s WHERE sequence = 1",
         ["pledge:forged", forged])
    assert ledger_verify()[1].sequence == 2
