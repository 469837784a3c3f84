"""Builders for data-protection tests: a store whose sessions hold known canaries."""

from __future__ import annotations

from pathlib import Path

from reflect_tui.store.audit import AUDIT_NAME


def files_holding(data_dir: Path, needle: bytes) -> list[Path]:
    """Every file anywhere under ``data_dir`` whose bytes contain ``needle``."""
    return sorted(p for p in data_dir.rglob("*") if p.is_file() and needle in p.read_bytes())


def all_files(data_dir: Path) -> list[str]:
    return sorted(str(p.relative_to(data_dir)) for p in data_dir.rglob("*") if p.is_file())


def audit_bytes(data_dir: Path) -> bytes:
    path = data_dir / AUDIT_NAME
    return path.read_bytes() if path.exists() else b""
