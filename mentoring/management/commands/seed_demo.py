import importlib
import random
from dataclasses import dataclass

from django.apps import apps
from django.core.management.base import BaseCommand
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


class Command(BaseCommand):
    help = (
        "Загружает демонстрационную школу в пустую базу: классы, ученики, сотрудники, "
        "учётные записи и дорожная карта текущего года. В базе с данными ничего не меняет."
    )

    def handle(self, *args, **options):
        if demo.is_loaded():
            self.stdout.write("Демонстрационные данные уже загружены.")
        elif User.objects.exists() or School.objects.exists():
            self.stdout.write("В базе уже есть данные школы: демонстрационные данные не загружаются.")
            return
        else:
            self._seed(DemoContext(rng=random.Random(43), today=timezone.localdate()))
        self.stdout.write("\nДемонстрационные учётные записи (логин / пароль):")
        for username, password, who in demo.logins():
            self.stdout.write(f"  {username:<14} {password:<16} {who}")

    @transaction.atomic
    def _seed(self, ctx):
        # Every installed app may seed its own demo data, in the order of INSTALLED_APPS,
        # so an app builds on what the apps it depends on have made.
        for app_config in apps.get_app_configs():
            try:
                module = importlib.import_module(f"{app_config.name}.demo")
            except ModuleNotFoundError as error:
                if error.name != f"{app_config.name}.demo":
                    raise
                continue
            module.seed(ctx)
            self.stdout.write(f"  {app_config.verbose_name}: готово")
        self.stdout.write(self.style.SUCCESS("Демонстрационная школа загружена."))
