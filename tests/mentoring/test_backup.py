"""Backups: a copy is made, everything is wiped, the restored copy brings back every row and every
file; a copy that is broken, tampered with or made elsewhere is refused and nothing changes."""

import io
import json
import os
import re
import shutil
import stat
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from mentoring import backups
from mentoring.models import NormativeAct
from participants.models import Consent, Person
from surveys.models import Answer, Response
from tests.factories import make_act, make_consent, make_mentee, make_mentor, make_mentorship, make_person
from tests.surveys.conftest import answers_for, fill_url, invite, make_survey

pytestmark = pytest.mark.django_db(transaction=True)

SCAN = b"%PDF-1.4 scan of a consent\n" + bytes(range(256)) * 8
SIGNED = b"%PDF-1.7 signed order\n" + os.urandom(4096)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.BACKUP_DIR = tmp_path / "backups"
    return settings.MEDIA_ROOT


@pytest.fixture
def school(media, year, personas, client):
    """People with consents and their scans, a pair, a signed order with its PDF, answered questionnaires."""
    alyona = make_person(last_name="Семёнова", first_name="Алёна", patronymic="Игоревна")
    boris = make_person(last_name="Абрамов", first_name="Борис")
    make_consent(alyona, given_by="representative", scan=ContentFile(SCAN, name="scan.pdf"))
    make_consent(boris, scan=ContentFile(SCAN[::-1], name="scan.jpg"))
    mentor = make_mentor(make_person(last_name="Ильина", first_name="Ольга", kind=Person.Kind.TEACHER))
    make_mentorship(mentor, [make_mentee(alyona)])
    make_act(year, pdf=ContentFile(SIGNED, name="signed.pdf"))
    survey = make_survey(year)
    for person in (alyona, boris):
        assert client.post(fill_url(invite(survey, person)), answers_for(survey)).status_code == 302
    assert Response.objects.count() == 2
    return alyona


def database():
    """Every row of every table, in primary-key order; the ids of many-to-many relations sorted,
    as a table's physical order (which a restore may change) decides the order dumpdata gives them."""
    out = io.StringIO()
    call_command("dumpdata", "--all", stdout=out)
    rows = json.loads(out.getvalue())
    for row in rows:
        for name, value in row["fields"].items():
            if isinstance(value, list) and all(isinstance(item, int) for item in value):
                row["fields"][name] = sorted(value)
    return rows


def files(root):
    """{path under root: bytes} of every file."""
    root = Path(root)
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in root.rglob("*") if path.is_file()}


def snapshot():
    return database(), files(django_settings.MEDIA_ROOT)


def make_backup(path=None):
    out = io.StringIO()
    if path is None:
        call_command("backup", stdout=out)
        return Path(re.search(r"сохранена: (.+\.tar\.gz) \(", out.getvalue()).group(1))
    call_command("backup", output=str(path), stdout=out)
    return Path(path)


def restore(path, **options):
    out = io.StringIO()
    call_command("restore", str(path), stdout=out, **options)
    return out.getvalue()


def wipe():
    call_command("flush", interactive=False)
    shutil.rmtree(django_settings.MEDIA_ROOT)


def refused(path, message):
    """Restoring ``path`` fails with ``message`` and leaves the database and the files as they were."""
    before = snapshot()
    with pytest.raises(CommandError) as error:
        restore(path, yes=True)
    assert message in str(error.value)
    assert snapshot() == before
    assert not list(Path(django_settings.MEDIA_ROOT).parent.glob(".media-restore-*"))
    return str(error.value)


def rewrite(source, target, change=None, add=()):
    """Copy the archive ``source`` to ``target``: ``change(name, data)`` gives a member's new bytes; ``add``
    appends (TarInfo, bytes) members."""
    with tarfile.open(source, "r:gz") as original, tarfile.open(target, "w:gz") as copy:
        for member in original.getmembers():
            data = original.extractfile(member).read()
            if change:
                data = change(member.name, data)
            member.size = len(data)
            copy.addfile(member, io.BytesIO(data))
        for member, data in add:
            copy.addfile(member, io.BytesIO(data) if data is not None else None)
    return target


def edit_manifest(edit):
    def change(name, data):
        if name != backups.MANIFEST:
            return data
        manifest = json.loads(data)
        edit(manifest)
        return json.dumps(manifest).encode()

    return change


# The round trip


def test_a_restored_backup_brings_back_every_row_and_every_file_after_a_wipe(school, media, settings):
    rows, stored = snapshot()
    assert len(stored) == 3  # two scans and the signed order
    people = Person.objects.count()
    last_person = Person.objects.order_by("pk").last().pk
    path = make_backup()

    assert path.parent == settings.BACKUP_DIR
    assert re.fullmatch(r"nastavnichestvo-\d{8}-\d{6}\.tar\.gz", path.name)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [entry.name for entry in path.parent.iterdir()] == [path.name]

    wipe()
    assert not Consent.objects.exists() and not Response.objects.exists()
    make_person(last_name="Новикова", first_name="Ника")
    (media / "stray.txt").parent.mkdir(parents=True)
    (media / "stray.txt").write_text("после копии")

    output = restore(path, yes=True)

    assert "Восстановлено из копии от" in output
    assert "загруженные файлы: 3" in output
    assert snapshot() == (rows, stored)
    assert Person.objects.count() == people
    assert not Person.objects.filter(last_name="Новикова").exists()
    assert Person.objects.get(pk=school.pk).full_name == "Семёнова Алёна Игоревна"
    assert Consent.objects.get(person=school).scan.read() == SCAN
    assert NormativeAct.objects.get().pdf.read() == SIGNED
    assert Answer.objects.filter(response__subject=school).count() == 9
    assert make_person(last_name="Ковалёв", first_name="Кирилл").pk > last_person
    # Restored uploads are as private as uploaded ones: the application's user alone reads them.
    restored = [media, *Path(media).rglob("*")]
    assert {stat.S_IMODE(path.stat().st_mode) for path in restored if path.is_file()} == {0o600}
    assert {stat.S_IMODE(path.stat().st_mode) for path in restored[1:] if path.is_dir()} == {0o700}


def test_the_restored_database_is_exactly_the_dump_tables_and_sequences_included(school, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("pg_dump compares PostgreSQL databases")
    before = plain_dump()
    path = make_backup(tmp_path / "copy.tar.gz")
    Person.objects.filter(pk=school.pk).update(last_name="Изменённая")
    make_person(last_name="Лишний", first_name="Человек")
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE leftover_from_a_newer_version (id integer)")

    restore(path, yes=True)

    assert plain_dump() == before


def plain_dump():
    """The test database as SQL, less the random keys of psql's \\restrict lines."""
    environment = backups._pg_environment(connection.settings_dict)
    dump = subprocess.run(
        [backups._client("pg_dump"), "--no-owner", "--no-privileges"], env=environment, capture_output=True, check=True
    ).stdout.decode()
    return re.sub(r"^\\(un)?restrict .*$", "", dump, flags=re.MULTILINE)


def test_a_copy_can_be_written_to_a_chosen_path_and_replaces_a_file_there(school, tmp_path):
    target = tmp_path / "nightly" / "latest.tar.gz"
    target.parent.mkdir()
    target.write_text("the copy of the night before")

    make_backup(target)

    with tarfile.open(target, "r:gz") as archive:
        names = archive.getnames()
        manifest = json.load(archive.extractfile(backups.MANIFEST))
    assert names[0] == backups.DATABASE_FILES[connection.vendor] and names[-1] == backups.MANIFEST
    assert manifest["database"]["vendor"] == connection.vendor
    assert manifest["migrations"]["mentoring"].startswith("0")
    assert manifest["media"]["count"] == 3 == sum(name.startswith("media/") for name in names)
    assert manifest["media"]["bytes"] == len(SCAN) * 2 + len(SIGNED)
    assert sorted(path.name for path in target.parent.iterdir()) == ["latest.tar.gz"]


def test_a_copy_that_fails_halfway_leaves_no_file_behind(school, tmp_path, monkeypatch):
    def fail(*args, **kwargs):
        raise OSError("диск заполнен")

    monkeypatch.setattr(backups, "_add_media", fail)
    target = tmp_path / "out" / "copy.tar.gz"
    with pytest.raises(OSError):
        make_backup(target)
    assert list(target.parent.iterdir()) == []


def test_the_newest_installed_postgresql_client_is_used_when_none_is_on_the_path(monkeypatch):
    installed = [f"/usr/lib/postgresql/{version}/bin/pg_dump" for version in ("9.6", "15", "13")]
    monkeypatch.setattr(backups.shutil, "which", lambda program: None)
    monkeypatch.setattr(backups, "glob", lambda pattern: installed if pattern.endswith("/pg_dump") else [])
    assert backups._client("pg_dump") == "/usr/lib/postgresql/15/bin/pg_dump"
    with pytest.raises(backups.BackupError, match="Не найдена программа psql"):
        backups._client("psql")


def test_a_copy_without_the_postgresql_client_is_refused_with_what_to_install(school, tmp_path, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite is copied without outside programs")
    monkeypatch.setattr(backups.shutil, "which", lambda program: None)
    monkeypatch.setattr(backups, "glob", lambda pattern: [])
    with pytest.raises(CommandError, match=r"Не найдена программа pg_dump.*postgresql-client"):
        make_backup(tmp_path / "out" / "copy.tar.gz")
    assert list((tmp_path / "out").iterdir()) == []


# Refused copies


@pytest.fixture
def copy(school, tmp_path):
    return make_backup(tmp_path / "copy.tar.gz")


def test_a_missing_file_is_refused(school, tmp_path):
    refused(tmp_path / "no-such.tar.gz", "Файл копии не найден")


def test_a_truncated_archive_is_refused(copy, tmp_path):
    broken = tmp_path / "broken.tar.gz"
    broken.write_bytes(copy.read_bytes()[: copy.stat().st_size // 2])
    refused(broken, "повреждён или не является резервной копией")


def test_a_file_that_is_no_archive_is_refused(school, tmp_path):
    other = tmp_path / "notes.tar.gz"
    other.write_text("не архив")
    refused(other, "повреждён или не является резервной копией")


def test_an_archive_without_a_manifest_is_refused(copy, tmp_path):
    with tarfile.open(copy, "r:gz") as original, tarfile.open(tmp_path / "bare.tar.gz", "w:gz") as bare:
        for member in original.getmembers():
            if member.name != backups.MANIFEST:
                bare.addfile(member, original.extractfile(member))
    refused(tmp_path / "bare.tar.gz", "нет описания копии")


def test_a_database_that_does_not_match_its_checksum_is_refused(copy, tmp_path):
    def corrupt(name, data):
        return data[:-1] + bytes([data[-1] ^ 1]) if name == backups.DATABASE_FILES[connection.vendor] else data

    refused(rewrite(copy, tmp_path / "corrupt.tar.gz", corrupt), "Контрольная сумма базы данных")


def test_a_file_that_does_not_match_its_checksum_is_refused(copy, tmp_path):
    def corrupt(name, data):
        return data.replace(b"signed order", b"forged order") if name.startswith("media/acts/") else data

    refused(rewrite(copy, tmp_path / "forged.tar.gz", corrupt), "Контрольная сумма файла acts/")


def test_a_file_not_in_the_manifest_is_refused(copy, tmp_path):
    extra = tarfile.TarInfo("media/consents/planted.pdf")
    extra.size = 4
    refused(rewrite(copy, tmp_path / "planted.tar.gz", add=[(extra, b"%PDF")]), "которого нет в её описании")


@pytest.mark.parametrize(
    ("name", "kind", "message"),
    [
        pytest.param("../evil", tarfile.REGTYPE, "недопустимый путь: ../evil", id="parent"),
        pytest.param("media/../../evil", tarfile.REGTYPE, "недопустимый путь", id="parent-inside-media"),
        pytest.param("/tmp/evil", tarfile.REGTYPE, "недопустимый путь: /tmp/evil", id="absolute"),
        pytest.param("media/link", tarfile.SYMTYPE, "недопустимый элемент", id="symlink"),
        pytest.param("media/hard", tarfile.LNKTYPE, "недопустимый элемент", id="hard-link"),
        pytest.param("evil.sh", tarfile.REGTYPE, "посторонний файл: evil.sh", id="stranger"),
        pytest.param(backups.MANIFEST, tarfile.REGTYPE, "повреждён", id="twice"),
    ],
)
def test_a_member_outside_its_place_is_refused_before_anything_is_unpacked(copy, tmp_path, name, kind, message):
    member = tarfile.TarInfo(name)
    member.type = kind
    data = None
    if kind == tarfile.REGTYPE:
        data = b"echo pwned\n"
        member.size = len(data)
    else:
        member.linkname = "/etc/passwd"
    refused(rewrite(copy, tmp_path / "evil.tar.gz", add=[(member, data)]), message)
    assert not (tmp_path / "evil").exists()


def test_a_copy_of_another_kind_of_database_is_refused(copy, tmp_path):
    other = "sqlite" if connection.vendor == "postgresql" else "postgresql"

    def change(manifest):
        manifest["database"]["vendor"] = other

    message = refused(rewrite(copy, tmp_path / "other.tar.gz", edit_manifest(change)), "восстановить её в эту базу")
    assert backups.VENDOR_NAMES[other] in message


def test_a_copy_made_by_a_newer_version_is_refused(copy, tmp_path):
    def change(manifest):
        manifest["migrations"]["mentoring"] = "9999_from_the_future"

    refused(rewrite(copy, tmp_path / "newer.tar.gz", edit_manifest(change)), "mentoring.9999_from_the_future")


def test_an_older_copy_is_restored_with_a_reminder_to_migrate(copy):
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM django_migrations WHERE app = 'surveys'")
    try:
        older = make_backup(copy.with_name("older.tar.gz"))
        assert "выполните python manage.py migrate" in restore(older, yes=True)
    finally:
        # flush leaves django_migrations alone: the current copy puts its rows back for the next tests
        assert "migrate" not in restore(copy, yes=True)


def test_a_failed_database_restore_puts_the_previous_files_back(copy, monkeypatch):
    before = snapshot()

    def fail(dump):
        raise backups.BackupError("PostgreSQL не принял копию")

    monkeypatch.setitem(backups.RESTORERS, connection.vendor, fail)
    Path(django_settings.MEDIA_ROOT, "stray.txt").write_text("после копии")
    with pytest.raises(CommandError, match="не принял копию"):
        restore(copy, yes=True)
    assert files(django_settings.MEDIA_ROOT) == {**before[1], "stray.txt": "после копии".encode()}
    assert database() == before[0]


# Confirmation


def test_restore_without_yes_and_without_a_terminal_is_refused(copy, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("да\n"))
    before = snapshot()
    with pytest.raises(CommandError, match="подтвердите его ключом --yes"):
        restore(copy)
    assert snapshot() == before


class Terminal(io.StringIO):
    def isatty(self):
        return True


@pytest.mark.parametrize(
    ("answer", "restored"),
    [pytest.param("нет", False, id="no"), pytest.param("", False, id="empty"), pytest.param("да", True, id="yes")],
)
def test_restore_asks_at_a_terminal(copy, school, monkeypatch, capsys, answer, restored):
    monkeypatch.setattr(sys, "stdin", Terminal(answer + "\n"))
    Person.objects.filter(pk=school.pk).update(last_name="Изменённая")

    output = restore(copy)

    prompt = capsys.readouterr().out
    assert re.search(r"Все текущие данные будут заменены данными из копии от \d\d\.\d\d\.\d{4} \d\d:\d\d\. ", prompt)
    assert "Продолжить? [да/нет]" in prompt
    assert ("Восстановлено" in output) is restored
    assert ("ничего не изменено" in output) is not restored
    assert (Person.objects.get(pk=school.pk).last_name == "Семёнова") is restored


# SQLite


def test_a_sqlite_school_round_trips_through_a_copy(tmp_path):
    """The embedded database: a copy made with SQLite's backup API, restored over a changed file."""
    environment = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "DEBUG": "true",
    }
    environment.pop("DJANGO_SETTINGS_MODULE", None)

    def manage(*args):
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=django_settings.BASE_DIR,
            env=environment,
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    def shell(code):
        return manage("shell", "--no-imports", "-c", code).strip()

    count = "from participants.models import Person; print(Person.objects.count())"
    manage("migrate", "--noinput", "-v0")
    shell(
        "from participants.models import Person; from django.core.files.base import ContentFile;"
        "from participants.models import Consent;"
        "person = Person.objects.create(last_name='Семёнова', first_name='Алёна', kind='student');"
        "Consent.objects.create(person=person, kind='personal_data', given_on='2026-09-01',"
        " scan=ContentFile(b'scan', name='scan.pdf'))"
    )
    manage("backup", "--output", str(tmp_path / "copy.tar.gz"))
    manage("flush", "--noinput")
    shutil.rmtree(tmp_path / "media")
    assert shell(count) == "0"

    assert "база данных SQLite" in manage("restore", str(tmp_path / "copy.tar.gz"), "--yes")

    assert shell(count) == "1"
    assert [path.read_bytes() for path in (tmp_path / "media").rglob("*.pdf")] == [b"scan"]


def test_files_kept_in_another_storage_are_not_backed_up_here(media, settings):
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"}}
    with pytest.raises(CommandError, match="задан FILE_STORAGE"):
        make_backup()
    assert not settings.BACKUP_DIR.exists() or not any(settings.BACKUP_DIR.iterdir())
