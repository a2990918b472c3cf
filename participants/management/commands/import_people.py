from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from mentoring.models import AcademicYear
from participants import importing


class Command(BaseCommand):
    help = (
        "Загружает людей из файла Excel (.xlsx) по тем же правилам, что страница «Импорт из Excel»: "
        "всё или ничего; при ошибках перечисляет строки и ничего не сохраняет."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="файл .xlsx")
        parser.add_argument(
            "--year", type=int, help="учебный год классов, например 2026 для 2026/2027; по умолчанию текущий"
        )
        parser.add_argument("--dry-run", action="store_true", help="только проверить файл, ничего не сохранять")

    def handle(self, *args, file, year, dry_run, **options):
        academic_year = self._year(year)
        try:
            content = Path(file).read_bytes()
        except OSError as error:
            raise CommandError(f"Не удалось прочитать файл {file}: {error.strerror}.") from None
        plan = importing.read_people(content, academic_year)
        if plan.errors:
            for number, reason in plan.errors:
                self.stderr.write(f"Строка {number}: {reason}" if number else reason)
            raise CommandError(f"Ошибок в файле: {len(plan.errors)}. Ничего не сохранено.")
        counts = f"новых {plan.created}, обновлено {plan.updated}, без изменений {plan.unchanged}"
        if dry_run:
            self.stdout.write(f"Файл проверен, ошибок нет. Будет загружено: {counts}. Ничего не сохранено.")
            return
        importing.apply(plan)
        self.stdout.write(self.style.SUCCESS(f"Загружено: {counts}."))

    def _year(self, start_year):
        if start_year is None:
            if (current := AcademicYear.objects.current()) is None:
                raise CommandError("Текущий учебный год не задан: укажите --year.")
            return current
        try:
            return AcademicYear.objects.get(start_year=start_year)
        except AcademicYear.DoesNotExist:
            raise CommandError(f"Учебного года {start_year}/{start_year + 1} нет.") from None
