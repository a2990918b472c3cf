"""The demo's public section: the section's settings, the year's signed acts published, the
normative base, a methodological memo, the autumn's news and announcements with a picture, an item
scheduled for next week and a draft."""

import datetime
import io

from django.conf import settings
from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont

from mentoring import pdf
from mentoring.models import NormativeAct, Publication, PublicationFile, School, SiteSection, User
from mentoring.translit import slugify
from participants import publicity
from participants.models import Appearance, Consent, Mentor, Person
from reports import documents

Kind, Level = Publication.Kind, Publication.Level

FEDERAL = [
    (
        "Распоряжение Минпросвещения России от 25.12.2019 № Р-145",
        "Об утверждении методологии (целевой модели) наставничества обучающихся для организаций, "
        "осуществляющих образовательную деятельность по общеобразовательным, дополнительным "
        "общеобразовательным и программам среднего профессионального образования.",
    ),
    (
        "Письмо Минпросвещения России от 23.01.2020 № МР-42/02",
        "О направлении целевой модели наставничества и методических рекомендаций: анкеты, базы "
        "наставников и наставляемых, мониторинг.",
    ),
    (
        "Методические рекомендации по разработке и внедрению системы (целевой модели) наставничества "
        "педагогических работников в образовательных организациях",
        "Направлены письмом Минпросвещения России и Профсоюза работников народного образования и науки "
        "от 21.12.2021: наставничество педагогов, куратор, персонализированные программы.",
    ),
    (
        "Распоряжение Правительства Российской Федерации от 21.05.2025 № 1264-р",
        "Об утверждении Концепции развития наставничества в Российской Федерации до 2030 года.",
    ),
    (
        "Трудовой кодекс Российской Федерации, статья 351.8",
        "Наставничество работников: только с письменного согласия работника; содержание, срок и "
        "форма наставничества указываются в трудовом договоре или дополнительном соглашении.",
    ),
]


def seed(ctx):
    year, now = ctx.year, timezone.now()
    curator = User.objects.get(username="curator")

    def moment(month, day):
        date = datetime.date(year.start_year if month >= 8 else year.start_year + 1, month, day)
        return min(timezone.make_aware(datetime.datetime.combine(date, datetime.time(10))), now)

    _consent_to_be_named(curator.person, year, photo=True)
    SiteSection.objects.create(
        intro=SiteSection.default_intro(),
        description=f"Система (целевая модель) наставничества в {School.load().short_name}: документы, "
        "новости, итоги и лучшие практики.",
        curator=curator,
        phone="+7 (812) 417-43-43",
        email="nastavnichestvo@school43.example.ru",
        reception="Кабинет 214, вторник и четверг, 15:00–17:00",
    )
    for act in NormativeAct.objects.filter(year=year, status=NormativeAct.Status.SIGNED).order_by("date", "pk"):
        documents.publish(act)

    def publish(kind, title, text, when, **fields):
        return Publication.objects.create(
            kind=kind,
            title=title,
            slug=fields.pop("slug", None) or slugify(title),
            text=text,
            status=Publication.Status.PUBLISHED,
            published_at=when,
            year=year,
            created_by=curator,
            **fields,
        )

    for title, text in FEDERAL:
        publish(Kind.DOCUMENT, title, text, moment(8, 30), level=Level.FEDERAL)
    publish(
        Kind.DOCUMENT,
        "Региональная программа развития наставничества",
        "Документы регионального органа управления образованием о наставничестве и формы региональной "
        "отчётности. Куратор обновляет этот перечень при выходе новых актов.",
        moment(8, 30),
        level=Level.REGIONAL,
    )
    memo = publish(
        Kind.MATERIAL,
        "Памятка наставнику: первая встреча",
        "Пять шагов, которые помогут провести первую встречу наставнической пары или группы.",
        moment(10, 10),
    )
    content = pdf.render_html(render_to_string("reports/demo/memo.html", {"school": School.load(), "year": year}))
    _attach(memo, "Памятка наставнику.pdf", content, title="Памятка наставнику (PDF)")

    publish(
        Kind.NEWS,
        "В школе стартовала программа наставничества",
        "Педагогический совет одобрил Положение о системе (целевой модели) наставничества, директор "
        "утвердил его приказом. В сентябре ученики и педагоги заполнили анкеты, куратор сформировал "
        "базы наставляемых и наставников.\n\nДокументы программы опубликованы в разделе «Документы».",
        moment(9, 5),
    )
    session = publish(
        Kind.NEWS,
        "Установочная сессия для наставников",
        "Наставники собрались на установочную сессию: обсудили цели программы, формы работы пар и "
        "групп и то, как вести журнал встреч.\n\n## Что дальше\n\n- составить персонализированные "
        "программы;\n- провести первые встречи до конца октября.",
        moment(10, 20),
        summary="Наставники обсудили цели программы и договорились о первых встречах.",
    )
    _attach(
        session,
        "Установочная сессия.png",
        _picture("Установочная сессия наставников"),
        title="Установочная сессия",
        alt="Плакат установочной сессии наставников: название школы и дата встречи",
    )
    pictured = _mentor_to_name(year)
    if pictured is not None:
        Appearance.objects.create(publication=session, person=pictured, name=True, photo=False)
        session.text += f"\n\nОб опыте ведения журнала встреч рассказал наставник — {pictured.full_name}."
        session.save(update_fields=["text"])
    publish(
        Kind.ANNOUNCEMENT,
        "Итоговая конференция «Наставничество: результаты года»",
        "Пары и группы представят свои результаты, будут названы лучшие практики года. Приглашаются "
        "наставники, наставляемые, родители и партнёры школы.",
        moment(11, 1),
        event_date=datetime.date(year.start_year + 1, 5, 21),
    )
    publish(
        Kind.NEWS,
        "Промежуточные итоги первого полугодия",
        "Куратор подведёт промежуточные итоги работы пар и групп.",
        now + datetime.timedelta(days=7),
    )
    Publication.objects.create(
        kind=Kind.NEWS,
        title="Лучшие практики полугодия",
        slug=slugify("Лучшие практики полугодия"),
        text="Черновик: дополнить после заседания методического объединения.",
        year=year,
        created_by=curator,
    )


def _consent_to_be_named(person, year, photo=False):
    """``person`` allows the site to publish the name (and photos): an adult's own consent."""
    Consent.objects.filter(person=person, kind=Consent.Kind.DISSEMINATION, withdrawn_on__isnull=True).delete()
    Consent.objects.create(
        person=person,
        kind=Consent.Kind.DISSEMINATION,
        given_on=datetime.date(year.start_year, 9, 1),
        covers_name=True,
        covers_photo=photo,
        covers_results=True,
    )


def _mentor_to_name(year):
    """A teacher mentor of the year who agreed to be named on the site, if the demo has one."""
    teachers = publicity.people_covering("name", Person.objects.filter(kind=Person.Kind.TEACHER))
    mentor = (
        Mentor.objects.filter(year=year, person__in=teachers)
        .exclude(person__user__username="curator")
        .select_related("person")
        .order_by("person__last_name", "pk")
        .first()
    )
    return mentor.person if mentor else None


def _attach(publication, name, content, **fields):
    attached = PublicationFile(publication=publication, file_name=name, size=len(content), **fields)
    attached.is_image = name.endswith(".png")
    attached.file.save(name, ContentFile(content), save=False)
    attached.save()


def _picture(caption):
    """A 1200×675 PNG poster with ``caption`` in the documents' font."""
    image = Image.new("RGB", (1200, 675), "#0b5394")
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((60, 60, 1140, 615), radius=36, outline="#ffffff", width=6)
    font = ImageFont.truetype(str(settings.BASE_DIR / "static" / "fonts" / "PTSerif-Bold.ttf"), 54)
    small = ImageFont.truetype(str(settings.BASE_DIR / "static" / "fonts" / "PTSerif-Regular.ttf"), 40)
    draw.text((600, 290), caption, fill="#ffffff", font=font, anchor="mm")
    draw.text((600, 390), School.load().short_name, fill="#ffffff", font=small, anchor="mm")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
