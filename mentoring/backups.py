"""Backups of the whole school in one file, and restoring one: the database and the uploaded files.

An archive (``.tar.gz``) holds the database (``database.dump``, PostgreSQL's custom format, or
``database.sqlite3``), the tree of ``MEDIA_ROOT`` under ``media/`` and, last, ``manifest.json``: the
format, when and from which database the copy was made, the latest migration of every app, and the
size and SHA-256 of the database and of every file. The manifest is written after the files, from
the very bytes stored, so a file changing while the copy is made cannot make the copy fail its check.

Restoring checks everything before changing anything: the archive unpacks (its members only
regular files and folders at the expected places), the manifest matches the configured database
and the code, every checksum agrees. Only then the uploaded files are swapped for the unpacked ones
and the database is replaced in one transaction; if that fails, the previous files are put back.
"""

import datetime
import hashlib
import io
import json
import os
import re
import shutil
import sqlite3
import stat
import subprocess
import tarfile
import tempfile
import zlib
from contextlib import closing
from dataclasses import dataclass
from glob import glob
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import FileSystemStorage, storages
from django.db import connection, connections
from django.db.backends.postgresql.client import DatabaseClient
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from mentoring import collation

FORMAT = 1
MANIFEST = "manifest.json"
MEDIA = "media"
DATABASE_FILES = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}
VENDOR_NAMES = {"postgresql": "PostgreSQL", "sqlite": "SQLite"}
CHUNK = 1024 * 1024

# Empties the public schema inside the restoring transaction, so that the database ends up
# exactly as dumped: a table made by a migration newer than the copy does not survive it.
WIPE_SQL = """\
SET lock_timeout = '60s';
DO $$
DECLARE
    item record;
BEGIN
    FOR item IN
        SELECT c.relname, c.relkind
        FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'f', 'v', 'm', 'S')
        -- tables first: the sequences of their identity columns go with them
        ORDER BY c.relkind = 'S', c.relname
    LOOP
        EXECUTE format(
            'DROP %s IF EXISTS public.%I CASCADE',
            CASE item.relkind
                WHEN 'v' THEN 'VIEW'
                WHEN 'm' THEN 'MATERIALIZED VIEW'
                WHEN 'S' THEN 'SEQUENCE'
                WHEN 'f' THEN 'FOREIGN TABLE'
                ELSE 'TABLE'
            END,
            item.relname
        );
    END LOOP;
END
$$;
"""


class BackupError(Exception):
    """A backup or a restore that cannot go on; the message, in Russian, says why and what to do."""


@dataclass
class Created:
    path: Path
    size: int
    files: int
    media_bytes: int


@dataclass
class Restored:
    created_at: datetime.datetime
    vendor: str
    tables: int
    files: int
    media_bytes: int
    pending_migrations: int


def backup_dir():
    return Path(getattr(settings, "BACKUP_DIR", settings.BASE_DIR / "backups"))


def default_path():
    """``BACKUP_DIR/nastavnichestvo-YYYYMMDD-HHMMSS.tar.gz`` at the school's local time."""
    return backup_dir() / f"nastavnichestvo-{timezone.localtime():%Y%m%d-%H%M%S}.tar.gz"


def human_size(size):
    """«512 байт», «12,3 КБ», «1,5 ГБ»."""
    if size < 1024:
        return f"{size} байт"
    for unit in ("КБ", "МБ", "ГБ", "ТБ"):
        size /= 1024
        if size < 1024 or unit == "ТБ":
            return f"{size:.1f} {unit}".replace(".", ",")


def local_time(created_at):
    """The manifest's moment as the school reads it: «24.11.2026 03:00»."""
    return f"{timezone.localtime(created_at):%d.%m.%Y %H:%M}"


def _vendor():
    if connection.vendor not in DATABASE_FILES:
        raise BackupError(
            f"Резервное копирование поддерживается для PostgreSQL и SQLite, а настроена база {connection.vendor}."
        )
    return connection.vendor


def _media_root():
    """MEDIA_ROOT, where the uploads are when the default storage is the file system. Files kept in
    another storage (``FILE_STORAGE``) are backed up by that storage's own means, not here."""
    if not isinstance(storages["default"], FileSystemStorage):
        raise BackupError(
            "Файлы хранятся не в MEDIA_ROOT (задан FILE_STORAGE): их копию делают средствами того хранилища."
        )
    return Path(settings.MEDIA_ROOT).absolute()


# Making a copy


def create(path=None):
    """Write the backup to ``path`` (by default a new file in ``BACKUP_DIR``), readable by its owner only.

    The archive is written under a temporary name beside ``path`` and renamed when complete, so a
    file with the final name is always a whole copy.
    """
    vendor, media_root = _vendor(), _media_root()
    path = Path(path) if path else default_path()
    if path.is_dir():
        raise BackupError(f"{path} — это папка: укажите имя файла копии.")
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    descriptor, partial = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".partial")
    try:
        with os.fdopen(descriptor, "wb") as raw, tempfile.TemporaryDirectory(dir=path.parent, prefix=".") as scratch:
            dump = Path(scratch) / DATABASE_FILES[vendor]
            DUMPERS[vendor](dump, connection.settings_dict)
            with tarfile.open(fileobj=raw, mode="w:gz") as tar:
                database = _add_file(tar, dump, DATABASE_FILES[vendor])
                files = _add_media(tar, media_root, skip=path.parent)
                manifest = _manifest(vendor, database, files)
                _add_bytes(tar, MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2).encode())
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(partial, path)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise
    return Created(
        path=path,
        size=path.stat().st_size,
        files=len(files),
        media_bytes=sum(entry["size"] for entry in files.values()),
    )


def _manifest(vendor, database, files):
    return {
        "format": FORMAT,
        "created_at": timezone.now().isoformat(),
        "database": {"vendor": vendor, "file": DATABASE_FILES[vendor], **database},
        "migrations": _latest_migrations(),
        "media": {
            "count": len(files),
            "bytes": sum(entry["size"] for entry in files.values()),
            "files": files,
        },
    }


def _latest_migrations():
    """{app: the name of its latest applied migration}: which version of the code the data belongs to."""
    return dict(sorted(MigrationRecorder(connection).applied_migrations()))


class _HashingReader:
    """Reads a file on, keeping the SHA-256 of exactly what was read."""

    def __init__(self, raw):
        self.raw = raw
        self.sha256 = hashlib.sha256()

    def read(self, size=-1):
        data = self.raw.read(size)
        self.sha256.update(data)
        return data


def _add_file(tar, source, arcname):
    """Store ``source`` as ``arcname``; its size and the SHA-256 of the bytes stored."""
    with open(source, "rb") as raw:
        info = tar.gettarinfo(arcname=arcname, fileobj=raw)
        info.uid = info.gid = 0
        info.uname = info.gname = ""
        reader = _HashingReader(raw)
        tar.addfile(info, reader)
    return {"size": info.size, "sha256": reader.sha256.hexdigest()}


def _add_bytes(tar, arcname, data):
    info = tarfile.TarInfo(arcname)
    info.size = len(data)
    info.mtime = int(timezone.now().timestamp())
    info.mode = 0o600
    tar.addfile(info, io.BytesIO(data))


def _add_media(tar, media_root, skip):
    """Store every regular file under ``media_root`` (links and the backups' own folder left out).

    A file removed while the copy is made is left out too. The database was dumped first, so its
    row may still be in the copy, and after a restore that record has no file (its download is a
    404): making the copy while the application is quiet (at night) avoids it.
    """
    files = {}
    if not media_root.is_dir():
        return files
    skip = skip.resolve()
    for folder, subfolders, names in os.walk(media_root):
        subfolders[:] = sorted(name for name in subfolders if (Path(folder) / name).resolve() != skip)
        for name in sorted(names):
            source = Path(folder) / name
            relative = source.relative_to(media_root).as_posix()
            try:
                if not stat.S_ISREG(source.lstat().st_mode):
                    continue
                files[relative] = _add_file(tar, source, f"{MEDIA}/{relative}")
            except FileNotFoundError:
                continue
    return files


def _dump_postgresql(target, settings_dict):
    _run(
        [_client("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", f"--file={target}"],
        settings_dict,
        "Не удалось выгрузить базу данных (pg_dump)",
    )


def _dump_sqlite(target, settings_dict):
    """A consistent copy through SQLite's backup API, safe while the application writes."""
    with closing(_sqlite_connect(settings_dict["NAME"])) as source, closing(sqlite3.connect(target)) as copy:
        source.backup(copy)


DUMPERS = {"postgresql": _dump_postgresql, "sqlite": _dump_sqlite}


def _sqlite_connect(name):
    name = str(name)
    return sqlite3.connect(name, uri=name.startswith("file:"))


# PostgreSQL's client programs


def _client(program):
    """``program`` (pg_dump, pg_restore, psql) from PATH, else the newest under /usr/lib/postgresql."""
    found = shutil.which(program)
    if found:
        return found
    installed = glob(f"/usr/lib/postgresql/*/bin/{program}")
    if installed:
        return max(installed, key=lambda path: [int(part) for part in re.findall(r"\d+", Path(path).parts[-3])])
    raise BackupError(
        f"Не найдена программа {program} (клиент PostgreSQL): установите пакет postgresql-client "
        "той же или более новой версии, что и сервер базы данных."
    )


def _pg_environment(settings_dict):
    """The environment that points libpq at the configured database; the password never on a command line."""
    _, extra = DatabaseClient.settings_to_cmd_args_env(settings_dict, [])
    environment = {**os.environ, **(extra or {}), "PGOPTIONS": "-c client_min_messages=warning"}
    for variable, key in (("PGHOST", "HOST"), ("PGPORT", "PORT"), ("PGUSER", "USER"), ("PGDATABASE", "NAME")):
        if settings_dict.get(key):
            environment[variable] = str(settings_dict[key])
        else:
            environment.pop(variable, None)
    return environment


def _run(command, settings_dict, failure):
    result = subprocess.run(command, env=_pg_environment(settings_dict), capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(f"{failure}:\n{result.stderr.strip()}")


# Restoring


def restore(path, confirm=None):
    """Replace the database and the uploaded files with the copy at ``path``.

    ``confirm(manifest)`` is asked once the copy has passed every check; when it says no, nothing
    is changed and None is returned. Without ``confirm`` the restore goes on.
    """
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"Файл копии не найден: {path}.")
    vendor = _vendor()
    media_root = _media_root()
    media_root.parent.mkdir(parents=True, exist_ok=True)
    # Unpacked beside MEDIA_ROOT, so that the new tree takes its place by a rename.
    work = Path(tempfile.mkdtemp(dir=media_root.parent, prefix=f".{media_root.name}-restore-"))
    try:
        manifest = _unpack(path, work, vendor)
        if confirm is not None and not confirm(manifest):
            return None
        _swap_media(work, media_root, lambda: RESTORERS[vendor](work / DATABASE_FILES[vendor]))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for each in connections.all():
        each.close()
    ContentType.objects.clear_cache()
    return Restored(
        created_at=manifest["created_at"],
        vendor=vendor,
        tables=len(connection.introspection.table_names()),
        files=len(manifest["media"]["files"]),
        media_bytes=sum(entry["size"] for entry in manifest["media"]["files"].values()),
        pending_migrations=_pending_migrations(),
    )


def _unpack(path, work, vendor):
    """Unpack the archive into ``work`` and check it whole; the manifest, its time parsed."""
    broken = f"Файл {path} повреждён или не является резервной копией программы"
    try:
        with tarfile.open(path, "r:gz") as tar:
            members = tar.getmembers()
            for member in members:
                _check_member(member)
            needed = sum(member.size for member in members)
            if shutil.disk_usage(work).free < needed:
                raise BackupError(f"Недостаточно места на диске, чтобы распаковать копию: нужно {human_size(needed)}.")
            (work / MEDIA).mkdir()
            for member in members:
                if member.isreg():
                    _extract(tar, member, work)
    except (tarfile.TarError, EOFError, zlib.error, OSError) as error:
        raise BackupError(f"{broken} ({error}).") from error
    try:
        manifest = json.loads((work / MANIFEST).read_text(encoding="utf-8"))
        manifest["created_at"] = datetime.datetime.fromisoformat(manifest["created_at"])
        copied_vendor = manifest["database"]["vendor"]
        checksum = manifest["database"]["sha256"]
        migrations = manifest["migrations"]
        files = {name: (int(entry["size"]), str(entry["sha256"])) for name, entry in manifest["media"]["files"].items()}
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise BackupError(f"{broken}: нет описания копии ({MANIFEST}) или оно неполно.") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Копия записана в неизвестном формате {manifest.get('format')!r}: её не восстановить.")
    if copied_vendor != vendor:
        raise BackupError(
            f"Копия сделана из базы {VENDOR_NAMES.get(copied_vendor, copied_vendor)}, а настроена база "
            f"{VENDOR_NAMES[vendor]}: восстановить её в эту базу нельзя."
        )
    _check_migrations(migrations)
    dump = work / DATABASE_FILES[vendor]
    if not dump.is_file() or _sha256(dump) != checksum:
        raise BackupError("Контрольная сумма базы данных в копии не совпадает с записанной: копия повреждена.")
    if vendor == "sqlite":
        _check_sqlite(dump)
    _check_media(work / MEDIA, files)
    return manifest


def _check_member(member):
    """Only regular files and folders, where a copy puts them: no absolute paths, no ``..``, no links, no devices."""
    path = PurePosixPath(member.name)
    if path.is_absolute() or ".." in path.parts or "\\" in member.name:
        raise BackupError(f"Архив содержит недопустимый путь: {member.name}.")
    if not (member.isreg() or member.isdir()):
        raise BackupError(f"Архив содержит недопустимый элемент (ссылку или устройство): {member.name}.")
    in_media = len(path.parts) > 1 and path.parts[0] == MEDIA
    if member.isreg() and not (in_media or member.name == MANIFEST or member.name in DATABASE_FILES.values()):
        raise BackupError(f"Архив содержит посторонний файл: {member.name}.")


def _extract(tar, member, work):
    """Write one checked member under ``work``: its bytes and time only, never an owner, a mode or a link.

    Written by hand rather than by ``extractall(filter="data")``, which Debian 12's Python 3.11.2
    lacks; with the members checked first, the result is the same. A name met twice is refused.
    """
    parts = PurePosixPath(member.name).parts
    folder = work
    for part in parts[:-1]:  # each folder private (``mkdir(parents=True)`` gives the parents the umask's mode)
        folder = folder / part
        folder.mkdir(mode=0o700, exist_ok=True)
    target = folder / parts[-1]
    # Readable by the application's user only, as uploads are written (FILE_UPLOAD_PERMISSIONS).
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with tar.extractfile(member) as source, os.fdopen(descriptor, "wb") as copy:
        shutil.copyfileobj(source, copy, CHUNK)
    os.utime(target, (member.mtime, member.mtime))


def _check_migrations(migrations):
    """Refuse a copy made by a newer version of the code: it would not run with this one."""
    known = MigrationLoader(None, ignore_no_migrations=True).disk_migrations
    unknown = [f"{app}.{name}" for app, name in migrations.items() if (app, name) not in known]
    if unknown:
        raise BackupError(
            "Копия сделана более новой версией программы (неизвестны миграции: "
            f"{', '.join(sorted(unknown))}): обновите программу, затем восстанавливайте."
        )


def _check_sqlite(copy):
    try:
        with closing(sqlite3.connect(copy)) as database:
            # Indexes of name columns are ordered by the project's collation: the check needs it.
            database.create_collation(collation.COLLATION, collation.compare)
            verdict = database.execute("PRAGMA integrity_check").fetchone()[0]
    except sqlite3.DatabaseError:
        verdict = None
    if verdict != "ok":
        raise BackupError("База данных в копии повреждена: SQLite не прошла проверку целостности.")


def _check_media(root, expected):
    """The unpacked files are exactly the ones the manifest lists, byte for byte."""
    found = {path.relative_to(root).as_posix(): path for path in root.rglob("*") if path.is_file()}
    if missing := sorted(expected.keys() - found.keys()):
        raise BackupError(f"В копии нет файла {missing[0]}, который в ней записан: копия повреждена.")
    if extra := sorted(found.keys() - expected.keys()):
        raise BackupError(f"В копии есть файл {extra[0]}, которого нет в её описании: копия повреждена.")
    for name, path in sorted(found.items()):
        size, checksum = expected[name]
        if path.stat().st_size != size or _sha256(path) != checksum:
            raise BackupError(f"Контрольная сумма файла {name} не совпадает с записанной: копия повреждена.")


def _sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as raw:
        while chunk := raw.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _swap_media(work, media_root, restore_database):
    """Put the unpacked files in place of MEDIA_ROOT, then restore the database; on failure the old files return."""
    unpacked = work / MEDIA
    previous = work / "previous-media"
    existed = media_root.exists()
    if existed:
        _adopt(unpacked, media_root.stat())
        os.rename(media_root, previous)
    os.rename(unpacked, media_root)
    try:
        restore_database()
    except BaseException:
        os.rename(media_root, unpacked)
        if existed:
            os.rename(previous, media_root)
        raise


def _adopt(tree, old):
    """Give the new tree the old MEDIA_ROOT's mode and, when run as root, its owner, so the application can write."""
    os.chmod(tree, stat.S_IMODE(old.st_mode))
    if os.geteuid() != 0:
        return
    for folder, _, names in os.walk(tree):
        for path in [folder, *(os.path.join(folder, name) for name in names)]:
            os.chown(path, old.st_uid, old.st_gid)


def _restore_postgresql(dump):
    """Turn the dump into SQL, then run it after emptying the schema, all in one transaction.

    The SQL is written whole first, so a dump that cannot be read never reaches the database;
    psql stops at the first error and the transaction is rolled back.
    """
    settings_dict = connection.settings_dict
    script = dump.with_suffix(".sql")
    wipe = dump.with_name("wipe.sql")
    wipe.write_text(WIPE_SQL, encoding="utf-8")
    _run(
        [_client("pg_restore"), "--no-owner", "--no-privileges", "--clean", "--if-exists", f"--file={script}", dump],
        settings_dict,
        "Не удалось прочитать дамп базы данных из копии (pg_restore); база данных не изменена",
    )
    connection.close()
    _run(
        [
            _client("psql"),
            "--no-psqlrc",
            "--quiet",
            "--single-transaction",
            "--set=ON_ERROR_STOP=1",
            f"--file={wipe}",
            f"--file={script}",
        ],
        settings_dict,
        "PostgreSQL не принял копию; база данных не изменена (остановите приложение, если оно работает)",
    )


def _restore_sqlite(copy):
    """Copy the pages of the restored file into the configured database through SQLite's backup API."""
    with closing(sqlite3.connect(copy)) as source:
        connection.close()
        with closing(_sqlite_connect(connection.settings_dict["NAME"])) as target:
            source.backup(target)


RESTORERS = {"postgresql": _restore_postgresql, "sqlite": _restore_sqlite}


def _pending_migrations():
    """How many migrations of the code the restored database lacks (a copy made by an older version)."""
    executor = MigrationExecutor(connection)
    return len(executor.migration_plan(executor.loader.graph.leaf_nodes()))
