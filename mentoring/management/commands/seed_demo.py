import importlib
import random
from dataclasses import dataclass

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from mentoring import demo
from mentoring.models import School, User


@dataclass
class DemoContext:
    """What the apps' demo seeders share: a fixed random source, today, and what earlier ones made."""

    rng: random.Random
    today: object
    year: object = None
    scale: float = 1.0  # how much of the large school ``--large`` builds (1.0: the full size)


class Command(BaseCommand):
    help = (
        "Загружает демонстрационную школу в пустую базу: классы, ученики, сотрудники, "
        "учётные записи и дорожная карта текущего года. В базе с данными ничего не меняет. "
        "С --large добавляет большую школу для замеров: 2000 учеников, 500 пар и групп, "
        "5000 встреч и 5000 ответов на анкеты (--scale умножает все эти числа)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--large",
            action="store_true",
            help="после обычной демонстрационной школы добавить большую (seed_large каждого приложения)",
        )
        parser.add_argument(
            "--scale",
            type=float,
            default=1.0,
            help="множитель всех чисел большой школы (по умолчанию 1.0)",
        )

    def handle(self, *args, **options):
        if options["scale"] <= 0:
            raise CommandError("--scale должен быть больше нуля.")
        if demo.is_loaded():
            self.stdout.write("Демонстрационные данные уже загружены.")
        elif User.objects.exists() or School.objects.exists():
            self.stdout.write("В базе уже есть данные школы: демонстрационные данные не загружаются.")
            return
        else:
            ctx = DemoContext(rng=random.Random(43), today=timezone.localdate(), scale=options["scale"])
            self._seed(ctx, large=options["large"])
        self.stdout.write("\nДемонстрационные учётные записи (логин / пароль):")
        for username, password, who in demo.logins():
            self.stdout.write(f"  {username:<14} {password:<16} {who}")

    @transaction.atomic
    def _seed(self, ctx, large=False):
        # Every installed app may seed its own demo data, in the order of INSTALLED_APPS,
        # so an app builds on what the apps it depends on have made.
        seeders = list(_demo_modules())
        for app_config, module in seeders:
            module.seed(ctx)
            self.stdout.write(f"  {app_config.verbose_name}: готово")
        self.stdout.write(self.style.SUCCESS("Демонстрационная школа загружена."))
        if not large:
            return
        # The large school comes on top, from the apps' optional ``seed_large``, in the same order.
        for app_config, module in seeders:
            if seed_large := getattr(module, "seed_large", None):
                seed_large(ctx)
                self.stdout.write(f"  {app_config.verbose_name}: большая школа готова")
        self.stdout.write(self.style.SUCCESS(f"Большая школа загружена (масштаб {ctx.scale:g})."))


def _demo_modules():
    """(app config, its ``demo`` module) of every installed app that has one, in INSTALLED_APPS order."""
    for app_config in apps.get_app_configs():
        try:
            module = importlib.import_module(f"{app_config.name}.demo")
        except ModuleNotFoundError as error:
            if error.name != f"{app_config.name}.demo":
                raise
            continue
        yield app_config, module
