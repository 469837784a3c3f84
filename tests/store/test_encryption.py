"""Encryption at rest: the envelope, the key file, unlocking, and refusals that write nothing."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from store_samples import make_session

from reflect_tui.domain.clock import FixedClock
from reflect_tui.store import Store, StoreDamaged, crypto
from reflect_tui.store.encrypt_folder import init_encrypted
from reflect_tui.store.errors import FileUndecryptable, StoreError, StoreLocked
from reflect_tui.store.unlock import KEYS_NAME, MAGIC

FAST = crypto.KdfParams(n=2**10, r=8, p=1)  # tests only: real folders use PASSPHRASE_KDF
PASSPHRASE = "correct horse battery"
CANARY = "CANARY-7f3a-wellbeing"
ROOT = Path(__file__).resolve().parents[2]

# Test vectors (computed once with this format, checked here and by docs/decrypt_store.py).
VECTOR_KEY = bytes(range(32))
VECTOR_KEY_ID = bytes.fromhex("0011223344556677")
VECTOR_NONCE = bytes(range(12))
VECTOR_PLAIN = b'{"hello": "world"}'
VECTOR_FILE = bytes.fromhex(
    "52464c4354454e0100112233445566770573746f7265000102030405060708090a0b"
    "3c20be7ea989ad39b761b5fcde9b1409a1ab988e01309a9aa18edd35836634c4d412"
)
VECTOR_KEYS = {
    "format": "reflect-keys",
    "version": 1,
    "cipher": "AES-256-GCM",
    "key_id": "0011223344556677",
    "slots": {
        "passphrase": {
            "kdf": "scrypt",
            "n": 1024,
            "r": 8,
            "p": 1,
            "salt": "AAECAwQFBgcICQoLDA0ODw==",
            "nonce": "ZGVmZ2hpamtsbW5v",
            "wrapped_key": "hJKvgaV/wok6RWt/8hk+MWJoPTWZnDlTOQLassvECYFZy9UqXltGAxkL/VS0EE9z",
        }
    },
}


def hashes(folder: Path) -> dict[str, str]:
    """Every file in the folder and a hash of its bytes (to prove nothing was written)."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.startswith("reflect.lock")
    }


def canary_files(folder: Path, canary: str = CANARY) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file() and canary.encode() in p.read_bytes()]


@pytest.fixture
def encrypted(data_dir: Path, clock: FixedClock) -> tuple[Path, str]:
    """An encrypted folder holding one session with a canary; returns it and its recovery key."""
    keys = init_encrypted(data_dir, PASSPHRASE, FAST)
    with Store.open(data_dir, clock, unlock=PASSPHRASE) as store:
        session = make_session(CANARY)
        session.answers["notes"] = f"private {CANARY}"
        store.save_session(session)
    with Store.open(data_dir, clock, unlock=PASSPHRASE) as store:
        store.save_session(session)  # a later opening's first write keeps a backup
    assert list((data_dir / "backups").iterdir())
    return data_dir, keys.recovery_key


# ------------------------------------------------------------------ test vectors


def test_a_file_envelope_matches_its_test_vector() -> None:
    sealed = crypto.seal(VECTOR_KEY, VECTOR_KEY_ID, "store", VECTOR_PLAIN, VECTOR_NONCE)
    assert sealed == VECTOR_FILE
    assert crypto.open_envelope(VECTOR_KEY, VECTOR_KEY_ID, VECTOR_FILE).plaintext == VECTOR_PLAIN
    assert crypto.open_envelope(VECTOR_KEY, VECTOR_KEY_ID, VECTOR_FILE).role == "store"


def test_scrypt_matches_rfc_7914() -> None:
    derived = crypto.derive(b"password", b"NaCl", crypto.KdfParams(1024, 8, 16))
    assert derived.hex() == "fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162"


def test_the_key_file_vector_unlocks_to_its_data_key(tmp_path: Path) -> None:
    keys = crypto.KeyFile.from_bytes(json.dumps(VECTOR_KEYS).encode(), tmp_path / KEYS_NAME)
    assert keys.unlock(PASSPHRASE) == VECTOR_KEY
    assert keys.unlock("correct horse batterY") is None


def test_the_standalone_script_decrypts_the_vectors(tmp_path: Path) -> None:
    (tmp_path / KEYS_NAME).write_text(json.dumps(VECTOR_KEYS))
    (tmp_path / "reflect.json").write_bytes(VECTOR_FILE)
    out = run_decrypt_script(tmp_path)
    assert out == VECTOR_PLAIN


def run_decrypt_script(folder: Path, *extra: str, secret: str = PASSPHRASE) -> bytes:
    env = {**os.environ, "REFLECT_PASSPHRASE": secret}
    done = subprocess.run(
        [sys.executable, str(ROOT / "docs" / "decrypt_store.py"), str(folder), *extra],
        env=env,
        capture_output=True,
        check=True,
        timeout=60,
    )
    return done.stdout


def test_the_standalone_script_decrypts_a_store_the_app_wrote(
    encrypted: tuple[Path, str],
) -> None:
    folder, recovery = encrypted
    tables = json.loads(run_decrypt_script(folder))
    assert any(CANARY in s["title"] for s in tables["sessions"].values())
    # ...and a backup, with the recovery key instead of the passphrase.
    backup = sorted((folder / "backups").glob("reflect-*.json"))[0]
    assert json.loads(run_decrypt_script(folder, str(backup), secret=recovery))["meta"]
    # ...and one session file on its own.
    (one,) = (folder / "sessions").glob("*.json")
    assert CANARY in json.loads(run_decrypt_script(folder, str(one)))["title"]


# ------------------------------------------------------------- encrypted store


def test_every_file_of_an_encrypted_store_is_ciphertext(encrypted: tuple[Path, str]) -> None:
    folder, _ = encrypted
    assert canary_files(folder) == []
    files = [p for p in folder.rglob("*") if p.is_file()]
    data = [p for p in files if not p.name.startswith("reflect.lock") and p.name != KEYS_NAME]
    assert data and all(p.read_bytes().startswith(MAGIC) for p in data)
    assert all(p.stat().st_mode & 0o777 == 0o600 for p in files)


def test_the_passphrase_opens_the_store_and_the_data_is_there(
    encrypted: tuple[Path, str], clock: FixedClock
) -> None:
    folder, _ = encrypted
    with Store.open(folder, clock, unlock=PASSPHRASE) as store:
        assert [s.title for s in store.list_sessions()] == [CANARY]
        assert store.encrypted


def test_the_recovery_key_opens_the_store_however_it_is_typed(
    encrypted: tuple[Path, str], clock: FixedClock
) -> None:
    folder, recovery = encrypted
    groups = recovery.split("-")
    assert len(groups) == 8 and all(len(g) == 4 for g in groups)
    typed = " ".join(groups).lower()
    with Store.open(folder, clock, unlock=typed) as store:
        assert store.session_count() == 1


def test_an_encrypted_folder_without_a_passphrase_is_refused_plainly(
    encrypted: tuple[Path, str], clock: FixedClock
) -> None:
    folder, _ = encrypted
    before = hashes(folder)
    with pytest.raises(StoreLocked, match="encrypted and no passphrase was given"):
        Store.open(folder, clock)
    assert hashes(folder) == before


def test_a_wrong_passphrase_writes_nothing_and_says_so(
    encrypted: tuple[Path, str], clock: FixedClock
) -> None:
    folder, _ = encrypted
    before = hashes(folder)
    with pytest.raises(StoreLocked) as refused:
        Store.open(folder, clock, unlock="correct horse batteries")
    assert "does not unlock" in str(refused.value)
    assert "Nothing was opened or written" in str(refused.value)
    assert hashes(folder) == before


def test_a_source_is_asked_again_after_a_wrong_answer(
    encrypted: tuple[Path, str], clock: FixedClock
) -> None:
    folder, _ = encrypted
    answers = iter(["nope nope nope", PASSPHRASE])
    asked: list[int] = []

    def source(data_dir: Path, attempt: int) -> str | None:
        asked.append(attempt)
        return next(answers)

    with Store.open(folder, clock, unlock=source) as store:
        assert store.session_count() == 1
    assert asked == [0, 1]


def flip_one_bit(path: Path, at: int) -> None:
    raw = bytearray(path.read_bytes())
    raw[at] ^= 0x01
    path.write_bytes(bytes(raw))


@pytest.mark.parametrize(
    "damage",
    ["flip a ciphertext bit", "flip a header bit", "cut short", "cut to the header"],
)
def test_a_damaged_store_file_is_refused_and_nothing_is_written(
    encrypted: tuple[Path, str], clock: FixedClock, damage: str
) -> None:
    folder, _ = encrypted
    store_file = folder / "reflect.json"
    if damage == "flip a ciphertext bit":
        flip_one_bit(store_file, len(store_file.read_bytes()) // 2)
    elif damage == "flip a header bit":
        flip_one_bit(store_file, 18)  # inside the role name
    elif damage == "cut short":
        store_file.write_bytes(store_file.read_bytes()[:-5])
    else:
        store_file.write_bytes(store_file.read_bytes()[:20])
    before = hashes(folder)
    with pytest.raises(StoreDamaged) as refused:
        Store.open(folder, clock, unlock=PASSPHRASE)
    message = str(refused.value)
    assert "Nothing has been written" in message
    assert "integrity check" in message or "cut short" in message
    assert "reflect restore" in message  # a good encrypted backup is offered
    assert hashes(folder) == before


def test_a_swapped_wrapped_key_is_refused_and_nothing_is_written(
    encrypted: tuple[Path, str], clock: FixedClock
) -> None:
    folder, _ = encrypted
    keys_path = folder / KEYS_NAME
    doc = json.loads(keys_path.read_text())
    slots = doc["slots"]
    slots["passphrase"]["wrapped_key"], slots["recovery"]["wrapped_key"] = (
        slots["recovery"]["wrapped_key"],
        slots["passphrase"]["wrapped_key"],
    )
    keys_path.write_text(json.dumps(doc))
    before = hashes(folder)
    with pytest.raises(StoreLocked, match="does not unlock"):
        Store.open(folder, clock, unlock=PASSPHRASE)
    assert hashes(folder) == before


def test_a_journal_put_in_place_of_the_store_file_is_refused(
    encrypted: tuple[Path, str], clock: FixedClock
) -> None:
    folder, _ = encrypted
    codec = crypto.codec_for(folder, PASSPHRASE)
    journal_bytes = codec.for_role("journal").encode((folder / "reflect.json").read_bytes())
    (folder / "reflect.json").write_bytes(journal_bytes)
    with pytest.raises(StoreDamaged, match="'journal' file, not the 'store' file"):
        Store.open(folder, clock, unlock=PASSPHRASE)


def test_a_file_from_another_folder_key_is_named_as_such(tmp_path: Path) -> None:
    codec = crypto.EnvelopeCodec(VECTOR_KEY, bytes(8))
    with pytest.raises(FileUndecryptable, match="another key"):
        codec.decode(VECTOR_FILE)


def test_a_store_file_without_its_key_file_is_refused(
    encrypted: tuple[Path, str], clock: FixedClock
) -> None:
    folder, _ = encrypted
    (folder / KEYS_NAME).rename(folder.parent / "keys-elsewhere")
    before = hashes(folder)
    with pytest.raises(StoreLocked, match=r"key file reflect\.keys is missing"):
        Store.open(folder, clock)
    assert hashes(folder) == before


def test_changing_the_passphrase_rewrites_only_the_key_file(
    encrypted: tuple[Path, str], clock: FixedClock
) -> None:
    folder, _ = encrypted
    before = hashes(folder)
    crypto.change_passphrase(folder, PASSPHRASE, "a new and longer phrase", FAST)
    after = hashes(folder)
    assert {k for k in after if after[k] != before[k]} == {KEYS_NAME}
    with pytest.raises(StoreLocked):
        Store.open(folder, clock, unlock=PASSPHRASE)
    with Store.open(folder, clock, unlock="a new and longer phrase") as store:
        assert store.session_count() == 1


def test_a_forgotten_passphrase_is_replaced_with_the_recovery_key(
    encrypted: tuple[Path, str], clock: FixedClock
) -> None:
    folder, recovery = encrypted
    crypto.change_passphrase(folder, recovery, "remembered this time", FAST)
    with Store.open(folder, clock, unlock="remembered this time") as store:
        assert store.session_count() == 1
    with Store.open(folder, clock, unlock=recovery) as store:  # still works
        assert store.session_count() == 1


def test_a_wrong_current_passphrase_changes_nothing(encrypted: tuple[Path, str]) -> None:
    folder, _ = encrypted
    before = hashes(folder)
    with pytest.raises(StoreLocked, match="Nothing was changed"):
        crypto.change_passphrase(folder, "not the passphrase", "a new and longer phrase", FAST)
    assert hashes(folder) == before


def test_a_short_new_passphrase_is_refused(encrypted: tuple[Path, str]) -> None:
    folder, _ = encrypted
    with pytest.raises(StoreError, match="at least 8 characters"):
        crypto.change_passphrase(folder, PASSPHRASE, "short", FAST)


def test_autosave_journals_are_encrypted_too(data_dir: Path, clock: FixedClock) -> None:
    init_encrypted(data_dir, PASSPHRASE, FAST)
    store = Store.open(data_dir, clock, unlock=PASSPHRASE)
    session = make_session("Draft")
    session.answers["notes"] = f"typing {CANARY}"
    store._journal_write(session)
    journals = list((data_dir / "journal").iterdir())
    assert journals and journals[0].read_bytes().startswith(MAGIC)
    assert canary_files(data_dir) == []
    store._release()  # as if the app were killed: the journal stays
    with Store.open(data_dir, clock, unlock=PASSPHRASE) as again:
        assert again.get_session(session.id).answers["notes"] == f"typing {CANARY}"
    assert canary_files(data_dir) == []


def test_a_plaintext_store_never_imports_cryptography(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from reflect_tui.store import Store\n"
        f"Store.open(Path({str(tmp_path / 'plain')!r})).close()\n"
        "assert 'cryptography' not in sys.modules, 'cryptography was imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
