"""Backups of the whole deployment: the database (PostgreSQL or SQLite) and every uploaded file.

A backup is a folder:
    manifest.json   when, which engine, row counts per table, sha256 of every file
    database.dump   PostgreSQL (pg_dump custom format)   or   database.sqlite3 (SQLite copy)
    files/<name>    each uploaded file, read through the storage (local disk or S3 alike)

The kernel imports no app: tables are found through the app registry, files through the storage.
"""

from __future__ import annotations

import glob
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.apps import apps
from django.core.files.base import File
from django.core.files.storage import Storage, default_storage
from django.db import connections
from django.utils import timezone

MANIFEST = "manifest.json"


class BackupError(Exception):
    pass


def table_row_counts(*, using: str = "default") -> dict[str, int]:
    """Rows in every table the project's models own (many-to-many tables included)."""
    return {
        model._meta.db_table: model._base_manager.using(using).count()
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    }


def storage_files(storage: Storage = default_storage, folder: str = "") -> Iterator[str]:
    """Every file name in the storage, depth first."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for sub in sorted(folders):
        yield from storage_files(storage, f"{folder}/{sub}" if folder else sub)


def _sha256(handle: Any) -> str:
    digest = hashlib.sha256()
    for chunk in iter(lambda: handle.read(1 << 20), b""):
        digest.update(chunk)
    return digest.hexdigest()


def storage_hashes(storage: Storage = default_storage) -> dict[str, str]:
    hashes = {}
    for name in storage_files(storage):
        with storage.open(name, "rb") as handle:
            hashes[name] = _sha256(handle)
    return hashes


def _pg_tool(name: str) -> str:
    """The newest installed client (Debian keeps one folder per major version)."""
    found = sorted(
        glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=lambda p: int(p.split("/")[4])
    )
    tool = found[-1] if found else shutil.which(name)
    if not tool:
        raise BackupError(f"{name} not found: apt-get install -y postgresql-client")
    return tool


def _pg_args(settings_dict: dict[str, Any]) -> tuple[list[str], dict[str, str]]:
    args = ["--host", settings_dict.get("HOST") or "127.0.0.1"]
    args += ["--port", str(settings_dict.get("PORT") or 5432)]
    args += ["--username", settings_dict.get("USER") or "postgres"]
    env = dict(os.environ, PGPASSWORD=settings_dict.get("PASSWORD") or "")
    return [*args, "--dbname", settings_dict["NAME"]], env


def backup_create(*, output: Path, using: str = "default") -> dict[str, Any]:
    """Write a backup of the database and the uploads into `output` (a new folder)."""
    output.mkdir(parents=True, exist_ok=False)
    connection = connections[using]
    vendor = connection.vendor
    counts = table_row_counts(using=using)
    if vendor == "postgresql":
        args, env = _pg_args(connection.settings_dict)
        dump = [_pg_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", *args]
        # Arguments come from settings and fixed tool paths, never from a request.
        subprocess.run([*dump, "--file", str(output / "database.dump")], env=env, check=True)  # noqa: S603
    elif vendor == "sqlite":
        source = sqlite3.connect(connection.settings_dict["NAME"])
        target = sqlite3.connect(output / "database.sqlite3")
        with target:
            source.backup(target)
        source.close()
        target.close()
    else:
        raise BackupError(f"no backup method for {vendor}")
    files = {}
    for name in storage_files():
        destination = output / "files" / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        with default_storage.open(name, "rb") as handle, destination.open("wb") as out:
            shutil.copyfileobj(handle, out)
        files[name] = _sha256(destination.open("rb"))
    manifest = {
        "created": timezone.now().isoformat(),
        "vendor": vendor,
        "tables": counts,
        "files": files,
    }
    (output / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True))
    return manifest


def backup_restore(*, source: Path, using: str = "default") -> dict[str, Any]:
    """Replace the database and put back every uploaded file; checks the result against the
    manifest and raises BackupError on any difference."""
    manifest = json.loads((source / MANIFEST).read_text())
    connection = connections[using]
    if connection.vendor != manifest["vendor"]:
        raise BackupError(f"backup of {manifest['vendor']}, database is {connection.vendor}")
    connection.close()
    if connection.vendor == "postgresql":
        args, env = _pg_args(connection.settings_dict)
        restore = [_pg_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", *args]
        restore += ["--single-transaction", str(source / "database.dump")]
        subprocess.run(restore, env=env, check=True)  # noqa: S603
    else:
        backup = sqlite3.connect(source / "database.sqlite3")
        target = sqlite3.connect(connection.settings_dict["NAME"])
        with target:
            backup.backup(target)
        backup.close()
        target.close()
    for name in manifest["files"]:
        if default_storage.exists(name):
            default_storage.delete(name)
        with (source / "files" / name).open("rb") as handle:
            saved = default_storage.save(name, File(handle))
        if saved != name:
            raise BackupError(f"the storage renamed {name} to {saved}")
    problems = _differences(manifest, using=using)
    if problems:
        raise BackupError("restore does not match the backup: " + "; ".join(problems))
    return manifest


def _differences(manifest: dict[str, Any], *, using: str) -> list[str]:
    counts = table_row_counts(using=using)
    problems = [
        f"{table}: {counts.get(table)} rows, backup had {rows}"
        for table, rows in manifest["tables"].items()
        if counts.get(table) != rows
    ]
    hashes = storage_hashes()
    problems += [
        f"file {name} differs"
        for name, digest in manifest["files"].items()
        if hashes.get(name) != digest
    ]
    return problems
