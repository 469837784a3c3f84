"""Settings for every test: nothing may reach the machine's real OS keyring.

``keyring`` honours ``PYTHON_KEYRING_BACKEND``; the null backend stores nothing and
reads nothing, and child processes inherit it. Tests of the keyring put an
in-memory backend in place themselves (tests/dataprotection/test_os_keyring.py).
"""

from __future__ import annotations

import os

os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"
