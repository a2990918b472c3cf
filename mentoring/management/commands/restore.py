import sys

from django.core.management.base import BaseCommand, CommandError

from mentoring import backups

YES = {"да", "д", "yes", "y"}


class Command(BaseCommand):
    help = (
        "Восстанавливает базу данных и загруженные файлы из резервной копии, заменяя ВСЕ текущие данные. "
        "Копия сначала проверяется целиком; при любой ошибке ничего не меняется. Остановите приложение на время "
        "восстановления."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE", help="файл копии (.tar.gz), сделанный командой backup")
        parser.add_argument("--yes", action="store_true", help="не спрашивать подтверждения")

    def handle(self, *args, **options):
        if not options["yes"] and not sys.stdin.isatty():
            raise CommandError("Восстановление заменит все текущие данные: подтвердите его ключом --yes.")
        self.stdout.write(f"Проверяю копию {options['file']}…")
        try:
            restored = backups.restore(options["file"], confirm=None if options["yes"] else self.confirm)
        except backups.BackupError as error:
            raise CommandError(str(error)) from error
        if restored is None:
            self.stdout.write("Восстановление отменено: ничего не изменено.")
            return
        self.stdout.write(self.style.SUCCESS(f"Восстановлено из копии от {backups.local_time(restored.created_at)}:"))
        self.stdout.write(f"  база данных {backups.VENDOR_NAMES[restored.vendor]}: таблиц — {restored.tables}")
        self.stdout.write(f"  загруженные файлы: {restored.files} ({backups.human_size(restored.media_bytes)})")
        if restored.pending_migrations:
            self.stdout.write(
                self.style.WARNING(
                    f"Копия сделана более старой версией программы (не хватает миграций: "
                    f"{restored.pending_migrations}): выполните python manage.py migrate."
                )
            )

    def confirm(self, manifest):
        answer = input(
            f"Все текущие данные будут заменены данными из копии от {backups.local_time(manifest['created_at'])}. "
            "Продолжить? [да/нет] "
        )
        return answer.strip().lower() in YES
