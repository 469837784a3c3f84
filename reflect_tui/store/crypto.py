"""Encryption at rest: the key file, the envelope of every file, and the codec.

Only imported when a data folder is encrypted (it loads ``cryptography``). The
format is in docs/storage.md ("Encryption at rest"); ``docs/decrypt_store.py``
reads it with nothing but ``cryptography``.

Envelope design. One random 256-bit **data key** encrypts every file in the
folder with AES-256-GCM and a fresh random 96-bit nonce per write. The data key
is never stored as it is: ``reflect.keys`` holds it twice, each time wrapped
(AES-256-GCM) by a key derived with scrypt: once from the passphrase, once from
the one-time **recovery key**. Changing the passphrase rewrites only its
wrapped copy.

Every encrypted file is::

    b"RFLCTEN" | version (1 byte) | key id (8 bytes) | role length (1) | role | nonce (12)
    | ciphertext and 16-byte tag

and everything before the nonce is the GCM associated data, so the format
version, the folder's key id and the file's role (``store``, ``journal``,
``data``...) cannot be changed without the check failing.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from reflect_tui.store.errors import FileUndecryptable, StoreError, StoreLocked
from reflect_tui.store.files import atomic_write
from reflect_tui.store.unlock import KEYS_NAME, MAGIC

FORMAT = "reflect-keys"
FORMAT_VERSION = 1
FILE_VERSION = 1
CIPHER = "AES-256-GCM"
KEY_BYTES = 32
NONCE_BYTES = 12
TAG_BYTES = 16
KEY_ID_BYTES = 8
SALT_BYTES = 16
RECOVERY_BYTES = 20  # 160 bits: 32 base32 characters, 8 groups of 4
GENERIC_ROLE = "data"
SLOTS = ("passphrase", "recovery")


@dataclass(frozen=True)
class KdfParams:
    """scrypt's cost: ``n`` (CPU/memory, a power of two), ``r`` (block size), ``p``.

    Memory is 128 * n * r bytes. PASSPHRASE_KDF was measured on a 2-core laptop-class
    machine: n = 2**18, r = 8 takes 0.5-0.65 s and 256 MiB (tests/benchmarks/crypto_bench.py).
    The recovery key is 160 random bits, so a far cheaper derivation is enough for it.
    """

    n: int
    r: int
    p: int

    def to_json(self) -> dict[str, Any]:
        return {"kdf": "scrypt", "n": self.n, "r": self.r, "p": self.p}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> KdfParams:
        if data.get("kdf") != "scrypt":
            raise ValueError(f"unknown key derivation {data.get('kdf')!r}")
        n, r, p = int(data["n"]), int(data["r"]), int(data["p"])
        if n < 2 or n & (n - 1) or not 1 <= r <= 64 or not 1 <= p <= 16 or n > 2**22:
            raise ValueError(f"scrypt parameters out of range (n={n}, r={r}, p={p})")
        return cls(n, r, p)


PASSPHRASE_KDF = KdfParams(n=2**18, r=8, p=1)
RECOVERY_KDF = KdfParams(n=2**14, r=8, p=1)


def derive(secret: bytes, salt: bytes, params: KdfParams) -> bytes:
    return Scrypt(salt=salt, length=KEY_BYTES, n=params.n, r=params.r, p=params.p).derive(secret)


def normalise_passphrase(passphrase: str) -> bytes:
    """The bytes a passphrase is derived from: NFC-normalised UTF-8, as typed otherwise."""
    import unicodedata

    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


# ---------------------------------------------------------------- recovery key


def new_recovery_key() -> str:
    """A random recovery key, formatted to be written down: 8 groups of 4 characters."""
    text = base64.b32encode(secrets.token_bytes(RECOVERY_BYTES)).decode("ascii")
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def recovery_bytes(text: str) -> bytes | None:
    """The 20 bytes of a recovery key as typed (any case, spaces or dashes), or None."""
    compact = "".join(ch for ch in text.upper() if ch.isalnum())
    compact = compact.replace("0", "O").replace("1", "I").replace("8", "B")
    if len(compact) != 32:
        return None
    try:
        raw = base64.b32decode(compact)
    except (binascii.Error, ValueError):
        return None
    return raw if len(raw) == RECOVERY_BYTES else None


# -------------------------------------------------------------------- envelope


def header(key_id: bytes, role: str) -> bytes:
    encoded = role.encode("ascii")
    return MAGIC + bytes([FILE_VERSION]) + key_id + bytes([len(encoded)]) + encoded


def seal(data_key: bytes, key_id: bytes, role: str, plaintext: bytes, nonce: bytes) -> bytes:
    """The envelope of ``plaintext`` (pass a fresh random ``nonce`` every time)."""
    head = header(key_id, role)
    return head + nonce + AESGCM(data_key).encrypt(nonce, plaintext, head)


@dataclass(frozen=True)
class Opened:
    role: str
    plaintext: bytes


def open_envelope(data_key: bytes, key_id: bytes, blob: bytes) -> Opened:
    """Check and decrypt one file; FileUndecryptable (message: a predicate) if it fails."""
    if not blob.startswith(MAGIC):
        raise FileUndecryptable(
            "is not encrypted, but this data folder is; it was not read. Move it out of the "
            "folder (or run `reflect encrypt` again if an encryption was interrupted)."
        )
    at = len(MAGIC)
    if len(blob) < at + 1 + KEY_ID_BYTES + 1:
        raise FileUndecryptable(_CUT_SHORT)
    version = blob[at]
    if version != FILE_VERSION:
        raise FileUndecryptable(
            f"uses encryption format {version}, which this version of reflect cannot read "
            f"(it reads format {FILE_VERSION}); update reflect."
        )
    file_key = blob[at + 1 : at + 1 + KEY_ID_BYTES]
    if file_key != key_id:
        raise FileUndecryptable(
            "was encrypted with another key, not this folder's reflect.keys (it may have been "
            "copied in from another data folder); it was not read."
        )
    at += 1 + KEY_ID_BYTES
    role_len = blob[at]
    role_bytes = blob[at + 1 : at + 1 + role_len]
    at += 1 + role_len
    if len(blob) < at + NONCE_BYTES + TAG_BYTES:
        raise FileUndecryptable(_CUT_SHORT)
    # Views, not slices: copying the ciphertext first cost ten times the decryption itself
    # (fresh pages for a large buffer), most of what an encrypted open adds to a plain one.
    view = memoryview(blob)
    nonce = view[at : at + NONCE_BYTES]
    try:
        plain = AESGCM(data_key).decrypt(nonce, view[at + NONCE_BYTES :], view[:at])
    except InvalidTag:
        raise FileUndecryptable(_CHECK_FAILED) from None
    return Opened(role_bytes.decode("ascii", "replace"), plain)


_CUT_SHORT = "is cut short: it is too short to be an encrypted reflect file; it was not read."
_CHECK_FAILED = (
    "failed its integrity check: it has been changed or cut short since reflect wrote it, "
    "so it was not read."
)


class EnvelopeCodec:
    """The codec of an unlocked folder. ``for_role`` binds files to what they are for.

    A codec with a specific role ("store", "journal") refuses a file written for
    another role (a journal put in place of the store file); the generic codec
    (``Store.codec``, role "data") reads any role of this folder's key.
    """

    def __init__(self, data_key: bytes, key_id: bytes, role: str = GENERIC_ROLE) -> None:
        if len(data_key) != KEY_BYTES or len(key_id) != KEY_ID_BYTES:
            raise ValueError("a data key is 32 bytes and a key id 8 bytes")
        self._key = data_key
        self.key_id = key_id
        self.role = role

    def for_role(self, role: str) -> EnvelopeCodec:
        return EnvelopeCodec(self._key, self.key_id, role)

    @property
    def data_key(self) -> bytes:
        """The unwrapped data key, for the OS keyring when a person asks (``os_keyring``)."""
        return self._key

    def encode(self, data: bytes) -> bytes:
        return seal(self._key, self.key_id, self.role, data, os.urandom(NONCE_BYTES))

    def decode(self, data: bytes) -> bytes:
        opened = open_envelope(self._key, self.key_id, data)
        if self.role != GENERIC_ROLE and opened.role != self.role:
            raise FileUndecryptable(
                f"holds a {opened.role!r} file, not the {self.role!r} file expected here "
                "(files have been swapped); it was not read."
            )
        return opened.plaintext


# -------------------------------------------------------------------- key file


@dataclass(frozen=True)
class Slot:
    """One wrapped copy of the data key."""

    params: KdfParams
    salt: bytes
    nonce: bytes
    wrapped: bytes

    def to_json(self) -> dict[str, Any]:
        return {
            **self.params.to_json(),
            "salt": _b64(self.salt),
            "nonce": _b64(self.nonce),
            "wrapped_key": _b64(self.wrapped),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Slot:
        return cls(
            KdfParams.from_json(data),
            _unb64(data["salt"]),
            _unb64(data["nonce"]),
            _unb64(data["wrapped_key"]),
        )


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def _unb64(text: Any) -> bytes:
    if not isinstance(text, str):
        raise ValueError("expected base64 text")
    return base64.b64decode(text, validate=True)


def slot_aad(key_id: bytes, name: str) -> bytes:
    return f"{FORMAT}/{FORMAT_VERSION}/{name}/".encode("ascii") + key_id


def wrap(
    data_key: bytes, key_id: bytes, name: str, secret: bytes, params: KdfParams, salt: bytes
) -> Slot:
    nonce = os.urandom(NONCE_BYTES)
    kek = derive(secret, salt, params)
    return Slot(params, salt, nonce, AESGCM(kek).encrypt(nonce, data_key, slot_aad(key_id, name)))


def unwrap(slot: Slot, key_id: bytes, name: str, secret: bytes) -> bytes | None:
    kek = derive(secret, slot.salt, slot.params)
    try:
        key = AESGCM(kek).decrypt(slot.nonce, slot.wrapped, slot_aad(key_id, name))
    except InvalidTag:
        return None
    return key if len(key) == KEY_BYTES else None


@dataclass(frozen=True)
class KeyFile:
    """``reflect.keys``: the key id and the two wrapped copies of the data key."""

    key_id: bytes
    slots: dict[str, Slot]

    def to_bytes(self) -> bytes:
        doc = {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "cipher": CIPHER,
            "key_id": self.key_id.hex(),
            "slots": {name: self.slots[name].to_json() for name in SLOTS if name in self.slots},
        }
        return (json.dumps(doc, indent=2) + "\n").encode("utf-8")

    @classmethod
    def from_bytes(cls, raw: bytes, where: Path) -> KeyFile:
        try:
            doc = json.loads(raw)
            if doc.get("format") != FORMAT:
                raise ValueError("it is not a reflect key file")
            if doc.get("version") != FORMAT_VERSION:
                raise ValueError(
                    f"it is key-file version {doc.get('version')}; this reflect reads version "
                    f"{FORMAT_VERSION} (update reflect)"
                )
            if doc.get("cipher") != CIPHER:
                raise ValueError(f"unknown cipher {doc.get('cipher')!r}")
            key_id = bytes.fromhex(doc["key_id"])
            if len(key_id) != KEY_ID_BYTES:
                raise ValueError("its key id has the wrong length")
            slots = {name: Slot.from_json(doc["slots"][name]) for name in doc["slots"]}
            if "passphrase" not in slots:
                raise ValueError("it has no passphrase entry")
        except (ValueError, KeyError, TypeError, AttributeError) as err:
            raise StoreError(
                f"The key file {where} cannot be read: {err}. Nothing was opened or written. "
                "Put back the reflect.keys from your backup of this folder."
            ) from None
        return cls(key_id, slots)

    @classmethod
    def load(cls, data_dir: Path) -> KeyFile:
        path = data_dir / KEYS_NAME
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            raise StoreLocked(f"{data_dir} is not an encrypted data folder.") from None
        except OSError as err:
            raise StoreError(f"Cannot read the key file {path}: {err.strerror or err}.") from err
        return cls.from_bytes(raw, path)

    def save(self, path: Path) -> None:
        """Replace the key file atomically (0600)."""
        atomic_write(path, self.to_bytes())

    def unlock(self, secret: str) -> bytes | None:
        """The data key from the passphrase, else from a recovery key; None if neither fits."""
        key = unwrap(
            self.slots["passphrase"], self.key_id, "passphrase", normalise_passphrase(secret)
        )
        if key is not None:
            return key
        raw = recovery_bytes(secret)
        if raw is not None and "recovery" in self.slots:
            return unwrap(self.slots["recovery"], self.key_id, "recovery", raw)
        return None

    def with_passphrase(self, data_key: bytes, passphrase: str, params: KdfParams) -> KeyFile:
        slot = wrap(
            data_key,
            self.key_id,
            "passphrase",
            normalise_passphrase(passphrase),
            params,
            os.urandom(SALT_BYTES),
        )
        return KeyFile(self.key_id, {**self.slots, "passphrase": slot})

    def with_recovery(self, data_key: bytes, recovery_key: str) -> KeyFile:
        raw = recovery_bytes(recovery_key)
        if raw is None:
            raise ValueError("not a recovery key")
        slot = wrap(data_key, self.key_id, "recovery", raw, RECOVERY_KDF, os.urandom(SALT_BYTES))
        return KeyFile(self.key_id, {**self.slots, "recovery": slot})


@dataclass(frozen=True)
class NewKeys:
    keys: KeyFile
    data_key: bytes
    recovery_key: str

    def codec(self) -> EnvelopeCodec:
        return EnvelopeCodec(self.data_key, self.keys.key_id)


def new_keys(passphrase: str, params: KdfParams | None = None) -> NewKeys:
    """A fresh data key wrapped by ``passphrase`` and by a new recovery key."""
    check_new_passphrase(passphrase)
    data_key = AESGCM.generate_key(bit_length=256)
    key_id = os.urandom(KEY_ID_BYTES)
    recovery = new_recovery_key()
    keys = (
        KeyFile(key_id, {})
        .with_passphrase(data_key, passphrase, params or PASSPHRASE_KDF)
        .with_recovery(data_key, recovery)
    )
    return NewKeys(keys, data_key, recovery)


MIN_PASSPHRASE = 8


def check_new_passphrase(passphrase: str) -> None:
    if len(passphrase.strip()) < MIN_PASSPHRASE:
        raise StoreError(
            f"A passphrase needs at least {MIN_PASSPHRASE} characters; a few ordinary words "
            "in a row are easy to remember and hard to guess. Nothing was changed."
        )


def codec_for(data_dir: Path, secret: str) -> EnvelopeCodec:
    """Unlock ``data_dir``'s key file; StoreLocked with a plain message if ``secret`` is wrong."""
    keys = KeyFile.load(data_dir)
    data_key = keys.unlock(secret)
    if data_key is None:
        raise StoreLocked(wrong_secret_message(data_dir))
    return EnvelopeCodec(data_key, keys.key_id)


def wrong_secret_message(data_dir: Path, done: str = "Nothing was opened or written.") -> str:
    return (
        f"That passphrase does not unlock {data_dir}. {done} Check "
        "Caps Lock and try again; if it is forgotten, the recovery key (8 groups of 4 "
        "characters, shown when the folder was encrypted) opens it too."
    )


def change_passphrase(
    data_dir: Path, current: str, new: str, params: KdfParams | None = None
) -> None:
    """Rewrap the data key under ``new`` (``current`` may be the recovery key).

    Only ``reflect.keys`` is rewritten, in one atomic replace; no data file changes.
    """
    check_new_passphrase(new)
    keys = KeyFile.load(data_dir)
    data_key = keys.unlock(current)
    if data_key is None:
        raise StoreLocked(wrong_secret_message(data_dir, "Nothing was changed."))
    keys.with_passphrase(data_key, new, params or PASSPHRASE_KDF).save(data_dir / KEYS_NAME)
