#!/usr/bin/env python3
"""Decrypt one file of an encrypted reflect data folder, for IT. Needs only `cryptography`.

    python3 decrypt_store.py DATA_FOLDER [FILE] [-o OUT]

FILE defaults to DATA_FOLDER/reflect.json; the plaintext goes to OUT (created
0600, never overwritten) or to standard output. Without FILE, a folder of
layout 2 (one file per session under sessions/) is given whole: reflect.json's
tables plus a "sessions" table holding every session file, one TinyDB JSON
document any TinyDB program can read. The passphrase (or the recovery
key) is asked on the terminal, or read from $REFLECT_PASSPHRASE. The format is
described in docs/storage.md, "Encryption at rest". This script is independent of
reflect on purpose: it is the format's reference reader.
"""

from __future__ import annotations

import argparse
import base64
import getpass
import json
import os
import sys
import unicodedata
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

MAGIC = b"RFLCTEN"


def derive(secret: bytes, slot: dict) -> bytes:
    if slot["kdf"] != "scrypt":
        raise SystemExit(f"unknown key derivation {slot['kdf']!r}")
    salt = base64.b64decode(slot["salt"])
    return Scrypt(salt=salt, length=32, n=slot["n"], r=slot["r"], p=slot["p"]).derive(secret)


def unwrap(keys: dict, name: str, secret: bytes) -> bytes | None:
    slot = keys["slots"].get(name)
    if slot is None:
        return None
    aad = f"reflect-keys/1/{name}/".encode() + bytes.fromhex(keys["key_id"])
    try:
        return AESGCM(derive(secret, slot)).decrypt(
            base64.b64decode(slot["nonce"]), base64.b64decode(slot["wrapped_key"]), aad
        )
    except InvalidTag:
        return None


def recovery_bytes(text: str) -> bytes | None:
    compact = "".join(ch for ch in text.upper() if ch.isalnum())
    compact = compact.replace("0", "O").replace("1", "I").replace("8", "B")
    if len(compact) != 32:
        return None
    try:
        return base64.b32decode(compact)
    except ValueError:
        return None


def data_key(folder: Path, secret: str) -> tuple[bytes, bytes]:
    keys = json.loads((folder / "reflect.keys").read_text(encoding="utf-8"))
    if keys.get("format") != "reflect-keys" or keys.get("version") != 1:
        raise SystemExit("reflect.keys is not a version-1 reflect key file")
    key = unwrap(keys, "passphrase", unicodedata.normalize("NFC", secret).encode("utf-8"))
    raw = recovery_bytes(secret)
    if key is None and raw is not None:
        key = unwrap(keys, "recovery", raw)
    if key is None:
        raise SystemExit("that passphrase (or recovery key) does not unlock reflect.keys")
    return key, bytes.fromhex(keys["key_id"])


def decrypt(blob: bytes, key: bytes, key_id: bytes) -> bytes:
    if not blob.startswith(MAGIC) or blob[7] != 1:
        raise SystemExit("the file is not a version-1 encrypted reflect file")
    if blob[8:16] != key_id:
        raise SystemExit("the file was encrypted with another folder's key")
    end = 17 + blob[16]  # header: magic, version, key id, role length, role
    nonce = blob[end : end + 12]
    try:
        return AESGCM(key).decrypt(nonce, blob[end + 12 :], blob[:end])
    except InvalidTag:
        raise SystemExit("the file failed its integrity check (changed or cut short)") from None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("file", type=Path, nargs="?")
    parser.add_argument("-o", "--output", type=Path)
    args = parser.parse_args()
    secret = os.environ.get("REFLECT_PASSPHRASE") or getpass.getpass("Passphrase: ")
    key, key_id = data_key(args.folder, secret)
    plain = decrypt((args.file or args.folder / "reflect.json").read_bytes(), key, key_id)
    sessions = args.folder / "sessions"
    if args.file is None and sessions.is_dir():
        tables = json.loads(plain)
        tables["sessions"] = {
            str(n): json.loads(decrypt(path.read_bytes(), key, key_id))
            for n, path in enumerate(sorted(sessions.glob("*.json")), start=1)
        }
        plain = json.dumps(tables, ensure_ascii=False).encode("utf-8")
    if args.output is None:
        sys.stdout.buffer.write(plain)
        return 0
    fd = os.open(args.output, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(plain)
    return 0


if __name__ == "__main__":
    sys.exit(main())
