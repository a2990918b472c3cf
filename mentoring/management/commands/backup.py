from django.core.management.base import BaseCommand, CommandError

from mentoring import backups


class Command(BaseCommand):
    help = (
        "Делает резервную копию в один файл: база данных и загруженные файлы (MEDIA_ROOT). "
        "По умолчанию — BACKUP_DIR/nastavnichestvo-ГГГГММДД-ЧЧММСС.tar.gz, читать её может только владелец."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", metavar="PATH", help="куда записать копию (по умолчанию — в BACKUP_DIR)")

    def handle(self, *args, **options):
        try:
            created = backups.create(options["output"])
        except backups.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Резервная копия сохранена: {created.path} ({backups.human_size(created.size)}; "
                f"файлов: {created.files}, {backups.human_size(created.media_bytes)})."
            )
        )
