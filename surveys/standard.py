"""The standard questionnaires that ship with the programme, as data.

Each entry of ``TEMPLATES`` describes one questionnaire template: the installer turns it into a
``Survey`` with ``is_template=True`` and ``template_key`` set to the entry's ``key``, so a
template is installed once and the curator's edits to it are never overwritten. The content
follows the intent of the methodology (распоряжение Минпросвещения России от 25.12.2019 № Р-145
and its methodological recommendations): intake questionnaires for the banks of mentees and
mentors, information about a mentee's request from third parties, questionnaires before and
after the programme for both sides, the curator's SWOT questionnaire and feedback on a meeting.
The wording is ours.

Conventions
-----------
* A template: ``key`` (stable slug), ``title``, ``purpose`` and ``audience`` (``Survey``
  choices), ``anonymous``, ``confidential``, ``introduction``, ``compare_with`` (the key of the
  «before» template an «after» template is compared with, or ``None``) and ``sections``.
  A section: ``title``, ``description``, ``questions``. A question: ``code``, ``kind``
  (a ``Question.Kind``), ``text``, ``help``, ``required`` and, for single and multiple choice
  only, ``choices``: a list of ``(value, text)`` pairs.
* Question codes and choice values: lowercase latin letters, digits and «_», starting with a
  letter. The codes the programme reads are in ``surveys.codes``; a code names the same
  question in every template that asks it. Shared choice lists are the module's constants, so
  the mentee's and the mentor's intakes offer the same value codes (``topics``,
  ``teacher_topics``, ``interests``, ``meeting_format``, ``availability``) and matching can
  compare them.
* ``sat_*`` items (1–10): expectations in a «before» template, their fulfilment in the «after»
  one — same code, same kind, compatible wording; an item that means the same for mentors and
  mentees has the same code on both sides. ``growth_*`` items (1–10): a mentee's
  self-assessment, the baseline in the intake and the final one in ``mentee_after``.
  Scales: what 1 and N mean is in the question's help.
* Other codes are local to the template: ``tp_*`` (third party), ``lead_*`` (a student mentor's
  self-assessment), ``swot_*`` and ``rate_*`` (the curator's SWOT questionnaire), ``fb_*``
  (feedback).
* The ``form`` question's choice texts are exactly the names of forms of mentoring in
  ``participants.dictionaries.FORMS``: the installer matches them to the school's dictionary by
  name.
* Students' questionnaires say «ты»; all the others say «вы» (adults, or a mixed audience).
* No questionnaire asks a mentee's name: a personal link knows who answers. Only the mentor
  intake, also used for the open recruitment link «Хочу стать наставником», starts with the
  respondent's identity and contacts.
"""

from surveys import codes
from surveys.models import Question, Survey

K = Question.Kind
P = Survey.Purpose
A = Survey.Audience


def _q(code, kind, text, help="", required=True, choices=None):
    """One question as a dict; ``choices`` only for single and multiple choice."""
    question = {"code": code, "kind": kind, "text": text, "help": help, "required": required}
    if choices is not None:
        question["choices"] = list(choices)
    return question


def _section(title, questions, description=""):
    return {"title": title, "description": description, "questions": questions}


# ---------------------------------------------------------------------------------------------
# Shared choice lists: (value code, text).
# ---------------------------------------------------------------------------------------------

# Who the respondent is: the values are exactly ``Person.Kind`` values.
CATEGORIES = [
    ("student", "Обучающийся нашей школы"),
    ("teacher", "Педагог нашей школы"),
    ("staff", "Сотрудник нашей школы (не педагог)"),
    ("external", "Представитель предприятия или организации, студент колледжа или вуза"),
]
ADULT_CATEGORIES = [item for item in CATEGORIES if item[0] != "student"]

# Forms of mentoring: the texts are the names in participants.dictionaries.FORMS (note the en dash).
FORM_STUDENT_STUDENT = ("student_student", "ученик – ученик")
FORM_TEACHER_STUDENT = ("teacher_student", "учитель – ученик")
FORM_COLLEGE_STUDENT = ("college_student", "студент – ученик")
FORM_EMPLOYER_STUDENT = ("employer_student", "работодатель – ученик")
FORM_TEACHER_TEACHER = ("teacher_teacher", "учитель – учитель")
STUDENT_FORMS = [FORM_STUDENT_STUDENT, FORM_TEACHER_STUDENT, FORM_COLLEGE_STUDENT, FORM_EMPLOYER_STUDENT]
TEACHER_FORMS = [FORM_TEACHER_TEACHER]
ADULT_MENTOR_FORMS = [FORM_TEACHER_STUDENT, FORM_TEACHER_TEACHER, FORM_COLLEGE_STUDENT, FORM_EMPLOYER_STUDENT]
STUDENT_MENTOR_FORMS = [FORM_STUDENT_STUDENT]

# What a student needs / what a mentor of students can help with.
STUDENT_TOPICS = [
    ("study_math", "Математика"),
    ("study_russian", "Русский язык и литература"),
    ("study_foreign", "Иностранный язык"),
    ("study_science", "Физика, химия, биология"),
    ("study_informatics", "Информатика и программирование"),
    ("study_social", "История, обществознание, география"),
    ("study_skills", "Как учиться: планировать время, готовиться к контрольным"),
    ("exams", "Подготовка к ОГЭ или ЕГЭ"),
    ("adaptation", "Освоиться в новом классе или новой школе"),
    ("olympiads", "Олимпиады и конкурсы"),
    ("projects", "Проекты и исследования"),
    ("career", "Выбор профессии, колледжа или вуза"),
    ("communication", "Общение и уверенность в себе"),
    ("leadership", "Лидерство, дела класса и школы"),
    ("leisure", "Увлечения, кружки, свободное время"),
]

# What a teacher needs / what a mentor of teachers can help with.
TEACHER_TOPICS = [
    ("lesson_planning", "Планирование и подготовка уроков"),
    ("classroom_management", "Дисциплина и управление классом"),
    ("parents", "Работа с родителями"),
    ("documentation", "Документация: рабочие программы, журнал, отчёты"),
    ("assessment", "Оценивание и обратная связь обучающимся"),
    ("digital_tools", "Цифровые инструменты и электронные ресурсы"),
    ("gifted", "Работа с одарёнными обучающимися"),
    ("learning_difficulties", "Работа с обучающимися, которым трудно учиться"),
    ("inclusion", "Обучающиеся с ОВЗ, инклюзивное обучение"),
    ("class_leadership", "Классное руководство"),
    ("exam_preparation", "Подготовка обучающихся к ОГЭ и ЕГЭ"),
    ("time_stress", "Нагрузка, планирование времени, профилактика выгорания"),
    ("certification", "Аттестация на квалификационную категорию"),
    ("team", "Вхождение в коллектив, школьные правила и традиции"),
    ("professional_contests", "Открытые уроки, профессиональные конкурсы, публикации"),
]

INTERESTS = [
    ("sport", "Спорт"),
    ("music", "Музыка"),
    ("art", "Рисование, дизайн, фотография"),
    ("theatre_cinema", "Театр и кино"),
    ("reading", "Книги"),
    ("science", "Наука и эксперименты"),
    ("technology", "Техника, программирование, робототехника"),
    ("games", "Настольные и компьютерные игры"),
    ("nature", "Природа, животные, туризм"),
    ("history", "История и краеведение"),
    ("languages", "Иностранные языки и другие страны"),
    ("media", "Блоги, журналистика, видео"),
    ("volunteering", "Волонтёрство"),
    ("crafts", "Рукоделие, кулинария, мастерить своими руками"),
]

MEETING_FORMATS = [
    ("in_person", "Очно"),
    ("online", "Онлайн"),
    ("mixed", "И очно, и онлайн"),
]

AVAILABILITY = [
    ("weekday_morning", "Будни, до уроков"),
    ("weekday_day", "Будни, днём после уроков"),
    ("weekday_evening", "Будни, вечером"),
    ("saturday", "Суббота"),
    ("flexible", "Время не важно, подстроюсь"),
]

MEETING_FREQUENCIES = [
    ("weekly", "Раз в неделю или чаще"),
    ("fortnightly", "Раз в две недели"),
    ("monthly", "Раз в месяц"),
    ("rarely", "Реже раза в месяц"),
]

# ---------------------------------------------------------------------------------------------
# Items compared before and after the programme.
# ---------------------------------------------------------------------------------------------

GROWTH_HELP = "1 — совсем не про меня, 10 — точно про меня"

# A student mentee's self-assessment: the baseline in the intake, the final one in mentee_after.
STUDENT_GROWTH = [
    ("growth_study_confidence", "Я уверенно справляюсь с учёбой"),
    ("growth_motivation", "Мне интересно учиться и узнавать новое"),
    ("growth_communication", "Мне легко общаться с ровесниками и взрослыми"),
    ("growth_self_organisation", "Я умею планировать своё время и доводить дела до конца"),
    ("growth_goal_setting", "Я понимаю, чего хочу добиться, и знаю, что для этого сделать"),
    ("growth_initiative", "Я берусь за новое: проекты, конкурсы, кружки"),
    ("growth_wellbeing", "В школе мне спокойно и хорошо"),
]

# A teacher mentee's professional self-assessment (the baseline, in the teacher's intake).
TEACHER_GROWTH = [
    ("growth_methodology", "Я уверенно планирую и провожу уроки"),
    ("growth_classroom", "Я справляюсь с дисциплиной и организацией работы класса"),
    ("growth_parents", "Я уверенно выстраиваю общение с родителями"),
    ("growth_assessment", "Я объективно и понятно оцениваю результаты обучающихся"),
    ("growth_documentation", "Я без затруднений веду рабочую документацию"),
    ("growth_digital", "Я свободно пользуюсь цифровыми инструментами в работе"),
    ("growth_confidence", "Я чувствую себя уверенно в профессии и в коллективе"),
]

SAT_BEFORE_HELP = "1 — совсем не ожидаю, 10 — ожидаю в полной мере"
SAT_AFTER_HELP = "1 — совсем нет, 10 — в полной мере"

# (code, text before the programme — an expectation, text after it — its fulfilment).
# The same for mentors and mentees:
SAT_PROGRAMME_OVERALL = (
    "sat_programme_overall",
    "Насколько, по-вашему, участие в программе наставничества будет для вас полезным?",
    "Насколько полезным для вас оказалось участие в программе наставничества в целом?",
)
SAT_COMFORT = (
    "sat_comfort",
    "Насколько вы ожидаете, что общение в паре будет для вас комфортным?",
    "Насколько комфортным для вас было общение в паре?",
)
SAT_MEETINGS_USEFUL = (
    "sat_meetings_useful",
    "Насколько вы ожидаете, что встречи в паре будут полезными и интересными?",
    "Насколько полезными и интересными были встречи в паре?",
)
SAT_GOAL_REACHED = (
    "sat_goal_reached",
    "Насколько вы рассчитываете достичь цели, которую пара поставит в начале работы?",
    "Насколько удалось достичь цели, которую пара поставила в начале работы?",
)
# Mentees only:
SAT_CLEAR_TASKS = (
    "sat_clear_tasks",
    "Насколько вы ожидаете, что задачи и план работы с наставником будут вам понятны?",
    "Насколько понятными были задачи и план работы с наставником?",
)
SAT_MENTOR_ATTENTION = (
    "sat_mentor_attention",
    "Насколько вы ожидаете, что наставник будет уделять вам внимание и поддерживать вас?",
    "Насколько вы ощущали внимание и поддержку наставника?",
)
SAT_NEW_KNOWLEDGE = (
    "sat_new_knowledge",
    "Насколько вы ожидаете получить новые знания и умения?",
    "Насколько вам удалось получить новые знания и умения?",
)
SAT_MOTIVATION = (
    "sat_motivation",
    "Насколько вы ожидаете, что программа придаст вам уверенности и желания развиваться?",
    "Насколько программа придала вам уверенности и желания развиваться?",
)
# Mentors only:
SAT_MENTEE_ENGAGEMENT = (
    "sat_mentee_engagement",
    "Насколько вы ожидаете, что наставляемый будет заинтересован и активен?",
    "Насколько наставляемый был заинтересован и активен?",
)
SAT_CURATOR_SUPPORT = (
    "sat_curator_support",
    "Насколько вы ожидаете, что куратор программы поможет вам и ответит на вопросы?",
    "Насколько вы ощущали поддержку куратора программы?",
)
SAT_TRAINING = (
    "sat_training",
    "Насколько вы ожидаете, что обучение наставников и методические материалы помогут вам в работе?",
    "Насколько обучение наставников и методические материалы помогли вам в работе?",
)
SAT_OWN_GROWTH = (
    "sat_own_growth",
    "Насколько вы ожидаете, что наставничество даст вам новый опыт и навыки?",
    "Насколько наставничество дало вам новый опыт и навыки?",
)
SAT_TIME_ENOUGH = (
    "sat_time_enough",
    "Насколько вы ожидаете, что вам хватит времени на встречи с наставляемым?",
    "Насколько вам хватало времени на встречи с наставляемым?",
)

MENTEE_SATISFACTION = [
    SAT_PROGRAMME_OVERALL,
    SAT_COMFORT,
    SAT_MEETINGS_USEFUL,
    SAT_CLEAR_TASKS,
    SAT_GOAL_REACHED,
    SAT_MENTOR_ATTENTION,
    SAT_NEW_KNOWLEDGE,
    SAT_MOTIVATION,
]
MENTOR_SATISFACTION = [
    SAT_PROGRAMME_OVERALL,
    SAT_COMFORT,
    SAT_MEETINGS_USEFUL,
    SAT_GOAL_REACHED,
    SAT_MENTEE_ENGAGEMENT,
    SAT_CURATOR_SUPPORT,
    SAT_TRAINING,
    SAT_OWN_GROWTH,
    SAT_TIME_ENOUGH,
]

# A student mentor's self-assessment of leadership qualities (local codes).
LEADERSHIP = [
    ("lead_responsibility", "Я выполняю обещания и довожу начатое до конца"),
    ("lead_explaining", "Я умею понятно объяснять другим"),
    ("lead_listening", "Я умею выслушать и поддержать другого"),
    ("lead_initiative", "Я предлагаю идеи и могу увлечь ими других"),
    ("lead_patience", "Я сохраняю спокойствие, если у другого что-то не получается"),
]


def _scales(items, help, kind=K.SCALE_10):
    return [_q(code, kind, text, help) for code, text in items]


def _expectations(items):
    return [_q(code, K.SCALE_10, before, SAT_BEFORE_HELP) for code, before, _after in items]


def _results(items):
    return [_q(code, K.SCALE_10, after, SAT_AFTER_HELP) for code, _before, after in items]


# ---------------------------------------------------------------------------------------------
# The templates.
# ---------------------------------------------------------------------------------------------

MENTEE_INTAKE_STUDENT = {
    "key": "mentee_intake_student",
    "title": "Анкета обучающегося, который хочет получить наставника",
    "purpose": P.MENTEE_INTAKE,
    "audience": A.STUDENTS,
    "anonymous": False,
    "confidential": True,
    "introduction": (
        "Привет! Эта анкета поможет подобрать тебе наставника — человека, который поддержит тебя в том, "
        "что сейчас для тебя важно: в учёбе, в проекте, в выборе профессии или в новом классе. "
        "Ответы прочитает только куратор программы наставничества: их не покажут одноклассникам "
        "и нигде не опубликуют. Правильных и неправильных ответов здесь нет. Это займёт около 10 минут."
    ),
    "compare_with": None,
    "sections": [
        _section(
            "Чем тебе помочь",
            [
                _q(
                    codes.TOPICS,
                    K.MULTIPLE,
                    "С чем тебе нужна помощь наставника?",
                    "Можно выбрать несколько вариантов.",
                    choices=STUDENT_TOPICS,
                ),
                _q(
                    codes.REQUEST,
                    K.LONG_TEXT,
                    "Расскажи своими словами, что у тебя сейчас не получается или чему ты хочешь научиться.",
                    "Например: «не понимаю дроби», «хочу подготовиться к олимпиаде по биологии», "
                    "«перешёл в новую школу и пока ни с кем не общаюсь».",
                ),
                _q(
                    "goal",
                    K.LONG_TEXT,
                    "Что должно получиться к концу учебного года, чтобы ты сказал(а): «Наставник мне помог»?",
                    required=False,
                ),
            ],
        ),
        _section(
            "Какой наставник тебе подойдёт",
            [
                _q(
                    codes.FORM,
                    K.SINGLE,
                    "Кто, по-твоему, мог бы стать твоим наставником?",
                    "«ученик – ученик» — старшеклассник; «учитель – ученик» — учитель нашей школы; "
                    "«студент – ученик» — студент колледжа или вуза; «работодатель – ученик» — специалист "
                    "с предприятия или из организации. Если не знаешь, пропусти вопрос: куратор поможет выбрать.",
                    required=False,
                    choices=STUDENT_FORMS,
                ),
                _q(
                    "mentor_wishes",
                    K.LONG_TEXT,
                    "Что для тебя важно в наставнике?",
                    "Например: чтобы он был спокойным, разбирался в программировании, мог встречаться после "
                    "уроков. Можно пропустить.",
                    required=False,
                ),
            ],
        ),
        _section(
            "Интересы и время",
            [
                _q(
                    codes.INTERESTS,
                    K.MULTIPLE,
                    "Чем ты увлекаешься?",
                    "Наставника с похожими увлечениями найти проще. Можно выбрать несколько вариантов.",
                    required=False,
                    choices=INTERESTS,
                ),
                _q(
                    codes.MEETING_FORMAT,
                    K.SINGLE,
                    "Как тебе удобнее встречаться с наставником?",
                    choices=MEETING_FORMATS,
                ),
                _q(
                    codes.AVAILABILITY,
                    K.MULTIPLE,
                    "Когда тебе удобно встречаться?",
                    "Можно выбрать несколько вариантов.",
                    choices=AVAILABILITY,
                ),
            ],
        ),
        _section(
            "Оцени себя",
            _scales(STUDENT_GROWTH, GROWTH_HELP),
            "Насколько каждое утверждение про тебя сейчас? В конце программы мы зададим те же вопросы, "
            "чтобы ты увидел(а), что изменилось.",
        ),
    ],
}

MENTEE_INTAKE_TEACHER = {
    "key": "mentee_intake_teacher",
    "title": "Анкета педагога, который хочет получить наставника",
    "purpose": P.MENTEE_INTAKE,
    "audience": A.STAFF,
    "anonymous": False,
    "confidential": True,
    "introduction": (
        "Анкета поможет подобрать вам наставника из числа опытных коллег и составить план совместной "
        "работы под ваши задачи. Ответы читает только куратор программы наставничества: их не показывают "
        "коллегам и не публикуют. Заполнение займёт около 10 минут."
    ),
    "compare_with": None,
    "sections": [
        _section(
            "О вашей работе",
            [
                _q(
                    codes.FORM,
                    K.SINGLE,
                    "Форма наставничества",
                    "Наставником педагога становится опытный коллега.",
                    choices=TEACHER_FORMS,
                ),
                _q(
                    codes.EXPERIENCE_YEARS,
                    K.NUMBER,
                    "Сколько лет вы работаете педагогом?",
                    "Полных лет; если первый год — укажите 0.",
                ),
                _q(
                    codes.SUBJECTS,
                    K.SHORT_TEXT,
                    "Какие предметы вы преподаёте?",
                    "Например: математика, информатика (5–9 классы).",
                ),
                _q("class_leader", K.YES_NO, "Вы классный руководитель?"),
            ],
        ),
        _section(
            "Ваш запрос",
            [
                _q(
                    codes.TEACHER_TOPICS,
                    K.MULTIPLE,
                    "В чём вам нужна поддержка наставника?",
                    "Можно выбрать несколько вариантов.",
                    choices=TEACHER_TOPICS,
                ),
                _q(
                    codes.REQUEST,
                    K.LONG_TEXT,
                    "Опишите свой запрос своими словами: с какими трудностями вы сталкиваетесь?",
                    "Чем конкретнее, тем точнее куратор подберёт наставника.",
                ),
                _q(
                    "goal",
                    K.LONG_TEXT,
                    "Какой результат вы хотели бы получить к концу учебного года?",
                    required=False,
                ),
                _q(
                    "mentor_wishes",
                    K.LONG_TEXT,
                    "Пожелания к наставнику",
                    "Например: тот же предмет, опыт классного руководства, формат работы.",
                    required=False,
                ),
            ],
        ),
        _section(
            "Встречи",
            [
                _q(
                    codes.MEETING_FORMAT,
                    K.SINGLE,
                    "Какой формат встреч вам удобен?",
                    choices=MEETING_FORMATS,
                ),
                _q(
                    codes.AVAILABILITY,
                    K.MULTIPLE,
                    "Когда вам удобно встречаться?",
                    "Можно выбрать несколько вариантов.",
                    choices=AVAILABILITY,
                ),
            ],
        ),
        _section(
            "Самооценка",
            _scales(TEACHER_GROWTH, GROWTH_HELP),
            "Оцените, насколько каждое утверждение верно для вас сейчас. В конце программы эти же вопросы "
            "помогут увидеть ваш профессиональный рост.",
        ),
    ],
}

MENTOR_INTAKE = {
    "key": "mentor_intake",
    "title": "Анкета кандидата в наставники",
    "purpose": P.MENTOR_INTAKE,
    "audience": A.ANYONE,
    "anonymous": False,
    "confidential": True,
    "introduction": (
        "Спасибо, что готовы стать наставником! Анкета нужна, чтобы включить вас в базу наставников и "
        "подобрать наставляемого, которому пригодятся именно ваши опыт и интересы. Ответы читает только "
        "куратор программы наставничества; их не публикуют и не передают третьим лицам. После анкеты "
        "куратор свяжется с вами, чтобы познакомиться и рассказать о программе. Заполнение займёт около "
        "15 минут."
    ),
    "compare_with": None,
    "sections": [
        _section(
            "О вас",
            [
                _q(codes.LAST_NAME, K.SHORT_TEXT, "Фамилия"),
                _q(codes.FIRST_NAME, K.SHORT_TEXT, "Имя"),
                _q(codes.PATRONYMIC, K.SHORT_TEXT, "Отчество", "Если есть.", required=False),
                _q(codes.CATEGORY, K.SINGLE, "Кто вы?", choices=ADULT_CATEGORIES),
                _q(
                    codes.POSITION,
                    K.SHORT_TEXT,
                    "Должность или место учёбы",
                    "Например: учитель математики; инженер-технолог; студент 3 курса педагогического колледжа.",
                ),
                _q(
                    codes.ORGANISATION,
                    K.SHORT_TEXT,
                    "Организация",
                    "Для тех, кто не работает в нашей школе: предприятие, организация, колледж или вуз.",
                    required=False,
                ),
                _q(
                    codes.EMAIL,
                    K.SHORT_TEXT,
                    "Электронная почта",
                    "На неё куратор пришлёт приглашение и материалы программы. Используется только для "
                    "программы наставничества.",
                ),
                _q(
                    codes.PHONE,
                    K.SHORT_TEXT,
                    "Телефон",
                    "Необязательно. Нужен, чтобы куратор мог быстро связаться с вами; используется только "
                    "для программы наставничества и никому не передаётся.",
                    required=False,
                ),
            ],
        ),
        _section(
            "Чем вы можете помочь",
            [
                _q(
                    codes.FORM,
                    K.SINGLE,
                    "В какой форме наставничества вы готовы участвовать?",
                    "«учитель – ученик» — педагог помогает обучающемуся; «учитель – учитель» — опытный педагог "
                    "помогает коллеге; «студент – ученик» — для студентов колледжей и вузов; «работодатель – "
                    "ученик» — для специалистов предприятий и организаций. Если подходят несколько форм, "
                    "выберите основную, остальное куратор уточнит на собеседовании.",
                    choices=ADULT_MENTOR_FORMS,
                ),
                _q(
                    codes.TOPICS,
                    K.MULTIPLE,
                    "С чем вы можете помочь обучающимся?",
                    "Если вы готовы быть наставником обучающегося. Можно выбрать несколько вариантов.",
                    required=False,
                    choices=STUDENT_TOPICS,
                ),
                _q(
                    codes.TEACHER_TOPICS,
                    K.MULTIPLE,
                    "С чем вы можете помочь начинающему педагогу?",
                    "Если вы готовы быть наставником коллеги. Можно выбрать несколько вариантов.",
                    required=False,
                    choices=TEACHER_TOPICS,
                ),
                _q(
                    codes.COMPETENCIES,
                    K.LONG_TEXT,
                    "Расскажите о своём опыте и сильных сторонах, которые пригодятся в наставничестве.",
                    "Например: готовлю к олимпиадам по химии; руковожу проектами; знаю, как устроена работа "
                    "инженера; умею находить общий язык с подростками.",
                ),
                _q(
                    codes.SUBJECTS,
                    K.SHORT_TEXT,
                    "Какие школьные предметы вы преподаёте или хорошо знаете?",
                    required=False,
                ),
                _q(
                    codes.CAPACITY,
                    K.NUMBER,
                    "Со сколькими наставляемыми вы готовы работать одновременно?",
                    "Обычно это 1–3 человека; в групповой форме — больше.",
                ),
            ],
        ),
        _section(
            "Интересы и время",
            [
                _q(
                    codes.INTERESTS,
                    K.MULTIPLE,
                    "Ваши интересы и увлечения",
                    "Общие интересы помогают наладить контакт. Можно выбрать несколько вариантов.",
                    required=False,
                    choices=INTERESTS,
                ),
                _q(
                    codes.MEETING_FORMAT,
                    K.SINGLE,
                    "Какой формат встреч вам удобен?",
                    choices=MEETING_FORMATS,
                ),
                _q(
                    codes.AVAILABILITY,
                    K.MULTIPLE,
                    "Когда вам удобно встречаться?",
                    "Можно выбрать несколько вариантов.",
                    choices=AVAILABILITY,
                ),
            ],
        ),
        _section(
            "Опыт и мотивация",
            [
                _q("mentoring_experience", K.YES_NO, "Был ли у вас опыт наставничества или кураторства?"),
                _q(
                    "mentoring_experience_details",
                    K.LONG_TEXT,
                    "Если был, расскажите коротко: с кем вы работали и что получилось.",
                    required=False,
                ),
                _q(
                    "motivation",
                    K.LONG_TEXT,
                    "Почему вы хотите стать наставником?",
                ),
            ],
        ),
    ],
}

MENTOR_INTAKE_STUDENT = {
    "key": "mentor_intake_student",
    "title": "Анкета обучающегося, который хочет стать наставником",
    "purpose": P.MENTOR_INTAKE,
    "audience": A.STUDENTS,
    "anonymous": False,
    "confidential": True,
    "introduction": (
        "Здорово, что ты хочешь помогать другим! Эта анкета поможет куратору программы наставничества "
        "понять, в чём ты силён, и подобрать тебе подопечного — обычно это ученик помладше. Ответы прочитает "
        "только куратор: их не покажут одноклассникам и не опубликуют. Это займёт около 10 минут."
    ),
    "compare_with": None,
    "sections": [
        _section(
            "Чем ты можешь помочь",
            [
                _q(
                    codes.FORM,
                    K.SINGLE,
                    "Форма наставничества",
                    "Ты будешь наставником другого ученика, чаще всего младше тебя.",
                    choices=STUDENT_MENTOR_FORMS,
                ),
                _q(
                    codes.TOPICS,
                    K.MULTIPLE,
                    "С чем ты можешь помочь другому ученику?",
                    "Можно выбрать несколько вариантов.",
                    choices=STUDENT_TOPICS,
                ),
                _q(
                    codes.SUBJECTS,
                    K.SHORT_TEXT,
                    "Какие предметы тебе даются лучше всего?",
                    required=False,
                ),
                _q(
                    codes.COMPETENCIES,
                    K.LONG_TEXT,
                    "Расскажи, что у тебя хорошо получается и чем ты можешь поделиться.",
                    "Учёба, олимпиады, проекты, спорт, творчество, общение — всё подходит.",
                ),
                _q(
                    codes.CAPACITY,
                    K.NUMBER,
                    "Со сколькими учениками ты готов(а) заниматься?",
                    "Обычно с одним или двумя; можно и с небольшой группой.",
                ),
                _q(
                    "mentoring_experience",
                    K.YES_NO,
                    "Ты уже помогал(а) кому-нибудь с учёбой или другими делами?",
                ),
                _q("motivation", K.LONG_TEXT, "Почему ты хочешь стать наставником?"),
            ],
        ),
        _section(
            "Интересы и время",
            [
                _q(
                    codes.INTERESTS,
                    K.MULTIPLE,
                    "Чем ты увлекаешься?",
                    "Можно выбрать несколько вариантов.",
                    required=False,
                    choices=INTERESTS,
                ),
                _q(
                    codes.MEETING_FORMAT,
                    K.SINGLE,
                    "Как тебе удобнее встречаться?",
                    choices=MEETING_FORMATS,
                ),
                _q(
                    codes.AVAILABILITY,
                    K.MULTIPLE,
                    "Когда тебе удобно встречаться?",
                    "Можно выбрать несколько вариантов.",
                    choices=AVAILABILITY,
                ),
            ],
        ),
        _section(
            "Оцени себя",
            _scales(LEADERSHIP, GROWTH_HELP),
            "Насколько каждое утверждение про тебя? Отвечай честно: это не экзамен.",
        ),
    ],
}

THIRD_PARTY = {
    "key": "third_party",
    "title": "Сведения о запросе наставляемого",
    "purpose": P.THIRD_PARTY,
    "audience": A.ANYONE,
    "anonymous": False,
    "confidential": True,
    "introduction": (
        "Анкету заполняют классный руководитель, педагог-психолог или родитель ученика, который может "
        "получить наставника. Ваш взгляд поможет куратору программы наставничества понять запрос ученика "
        "и подобрать подходящего наставника. Ответы читает только куратор программы; их не показывают "
        "одноклассникам и не публикуют. Пожалуйста, не указывайте диагнозы и сведения о здоровье. "
        "Заполнение займёт около 10 минут."
    ),
    "compare_with": None,
    "sections": [
        _section(
            "Кто заполняет анкету",
            [
                _q(
                    "tp_author",
                    K.SINGLE,
                    "Вы заполняете анкету как…",
                    choices=[
                        ("class_leader", "Классный руководитель"),
                        ("psychologist", "Педагог-психолог"),
                        ("parent", "Родитель (законный представитель)"),
                        ("staff", "Другой сотрудник школы"),
                    ],
                ),
            ],
        ),
        _section(
            "Запрос",
            [
                _q(
                    codes.TOPICS,
                    K.MULTIPLE,
                    "В какой помощи, на ваш взгляд, нуждается ребёнок?",
                    "Можно выбрать несколько вариантов.",
                    choices=STUDENT_TOPICS,
                ),
                _q(
                    codes.REQUEST,
                    K.LONG_TEXT,
                    "Опишите запрос, как вы его видите: что сейчас происходит и что хотелось бы изменить?",
                ),
                _q(
                    "tp_difficulties",
                    K.MULTIPLE,
                    "Какие трудности вы замечаете?",
                    "Можно выбрать несколько вариантов.",
                    required=False,
                    choices=[
                        ("study", "В учёбе"),
                        ("motivation", "Нет интереса к учёбе"),
                        ("behaviour", "В поведении, с дисциплиной"),
                        ("communication", "В общении с ровесниками"),
                        ("adults", "В общении со взрослыми"),
                        ("adaptation", "С адаптацией к новому классу или школе"),
                        ("confidence", "Неуверенность в себе, тревожность"),
                        ("attendance", "Частые пропуски занятий"),
                        ("none", "Особых трудностей не замечаю"),
                    ],
                ),
                _q(
                    codes.FORM,
                    K.SINGLE,
                    "Какая форма наставничества, на ваш взгляд, подойдёт ребёнку?",
                    "«ученик – ученик» — наставник-старшеклассник; «учитель – ученик» — педагог школы; "
                    "«студент – ученик» — студент колледжа или вуза; «работодатель – ученик» — специалист "
                    "предприятия или организации. Если затрудняетесь, пропустите вопрос.",
                    required=False,
                    choices=STUDENT_FORMS,
                ),
            ],
        ),
        _section(
            "Сильные стороны",
            [
                _q(
                    "tp_strengths",
                    K.LONG_TEXT,
                    "Что у ребёнка хорошо получается, чем он увлекается?",
                    "На сильные стороны и интересы наставник будет опираться в работе.",
                ),
            ],
        ),
        _section(
            "Для наставника",
            [
                _q(
                    "tp_child_agrees",
                    K.YES_NO,
                    "Ребёнок знает о программе и сам хочет в ней участвовать?",
                    "Если не знаете, пропустите вопрос.",
                    required=False,
                ),
                _q(
                    "tp_family_support",
                    K.YES_NO,
                    "Поддерживает ли семья участие ребёнка в программе наставничества?",
                    "Если не знаете, пропустите вопрос.",
                    required=False,
                ),
                _q(
                    "tp_recommendations",
                    K.LONG_TEXT,
                    "Что вы посоветовали бы наставнику: как лучше выстроить общение, что помогает ребёнку?",
                ),
                _q(
                    "tp_take_into_account",
                    K.LONG_TEXT,
                    "Что ещё наставнику важно учесть?",
                    "Например: занятость в секциях, особенности общения. Диагнозы и сведения о здоровье не указывайте.",
                    required=False,
                ),
            ],
        ),
    ],
}

MENTEE_BEFORE = {
    "key": "mentee_before",
    "title": "Ожидания наставляемого от программы наставничества",
    "purpose": P.BEFORE,
    "audience": A.MENTEES,
    "anonymous": False,
    "confidential": True,
    "introduction": (
        "Вы начинаете работу с наставником. Расскажите, чего вы ждёте от программы: в конце года мы спросим, "
        "насколько ожидания оправдались, и по ответам сделаем программу лучше. Ответы читает только куратор "
        "программы наставничества; их не показывают одноклассникам и коллегам и не публикуют. "
        "Это займёт около 5 минут."
    ),
    "compare_with": None,
    "sections": [
        _section(
            "Ваши ожидания",
            _expectations(MENTEE_SATISFACTION),
            "Оцените каждое утверждение от 1 до 10.",
        ),
        _section(
            "Встречи и пожелания",
            [
                _q(
                    "meeting_frequency",
                    K.SINGLE,
                    "Как часто вы хотели бы встречаться с наставником?",
                    choices=MEETING_FREQUENCIES,
                ),
                _q(
                    "expectations",
                    K.LONG_TEXT,
                    "Чего вы больше всего ждёте от работы с наставником?",
                    required=False,
                ),
                _q(
                    "concerns",
                    K.LONG_TEXT,
                    "Что, по-вашему, может помешать работе в паре?",
                    required=False,
                ),
            ],
        ),
    ],
}

MENTEE_AFTER = {
    "key": "mentee_after",
    "title": "Итоги программы наставничества для наставляемого",
    "purpose": P.AFTER,
    "audience": A.MENTEES,
    "anonymous": False,
    "confidential": True,
    "introduction": (
        "Программа наставничества подходит к концу. Оцените, что получилось: мы сравним ответы с вашими "
        "ожиданиями в начале года и с тем, как вы оценивали себя при вступлении в программу. Ответы читает "
        "только куратор программы наставничества; их не показывают одноклассникам и коллегам и не публикуют. "
        "Это займёт около 10 минут."
    ),
    "compare_with": "mentee_before",
    "sections": [
        _section(
            "Как прошла программа",
            _results(MENTEE_SATISFACTION),
            "Оцените каждое утверждение от 1 до 10.",
        ),
        _section(
            "Оцените себя сейчас",
            _scales(STUDENT_GROWTH, GROWTH_HELP),
            "Те же утверждения, что в анкете при вступлении в программу: насколько каждое про вас сейчас?",
        ),
        _section(
            "Ваше мнение",
            [
                _q(
                    "meeting_frequency",
                    K.SINGLE,
                    "Как часто на самом деле проходили встречи с наставником?",
                    choices=MEETING_FREQUENCIES,
                ),
                _q("most_useful", K.LONG_TEXT, "Что в работе с наставником было самым полезным?"),
                _q(
                    "improve",
                    K.LONG_TEXT,
                    "Что стоит изменить в программе наставничества?",
                    required=False,
                ),
                _q(
                    "continue_next_year",
                    K.YES_NO,
                    "Хотели бы вы участвовать в программе наставничества в следующем году?",
                ),
                _q("would_mentor", K.YES_NO, "Хотели бы вы сами стать наставником?"),
            ],
        ),
    ],
}

# A teacher who had a mentor answers the same results items, and assesses themselves on the
# professional items of the teachers' intake, so their growth compares with their baseline.
MENTEE_AFTER_TEACHER = {
    **MENTEE_AFTER,
    "key": "mentee_after_teacher",
    "title": "Итоги программы наставничества для педагога-наставляемого",
    "audience": A.STAFF,
    "sections": [
        MENTEE_AFTER["sections"][0],
        _section(
            "Оцените себя сейчас",
            _scales(TEACHER_GROWTH, GROWTH_HELP),
            "Те же утверждения, что в анкете педагога при вступлении в программу: насколько каждое про вас сейчас?",
        ),
        MENTEE_AFTER["sections"][2],
    ],
}

MENTOR_BEFORE = {
    "key": "mentor_before",
    "title": "Ожидания наставника от программы наставничества",
    "purpose": P.BEFORE,
    "audience": A.MENTORS,
    "anonymous": False,
    "confidential": True,
    "introduction": (
        "Вы начинаете работу с наставляемым. Расскажите, чего вы ждёте от программы и какая поддержка вам "
        "нужна: в конце года мы сравним ожидания с результатами. Ответы читает только куратор программы "
        "наставничества; их не показывают наставляемым и коллегам и не публикуют. Это займёт около 5 минут."
    ),
    "compare_with": None,
    "sections": [
        _section(
            "Ваши ожидания",
            _expectations(MENTOR_SATISFACTION),
            "Оцените каждое утверждение от 1 до 10.",
        ),
        _section(
            "Встречи и поддержка",
            [
                _q(
                    "meeting_frequency",
                    K.SINGLE,
                    "Как часто вы планируете встречаться с наставляемым?",
                    choices=MEETING_FREQUENCIES,
                ),
                _q(
                    "expectations",
                    K.LONG_TEXT,
                    "Чего вы больше всего ждёте от работы наставником?",
                    required=False,
                ),
                _q(
                    "concerns",
                    K.LONG_TEXT,
                    "Что, по-вашему, может помешать работе в паре?",
                    required=False,
                ),
                _q(
                    "support_needed",
                    K.LONG_TEXT,
                    "Какая помощь куратора или какие темы обучения наставников вам нужны?",
                    required=False,
                ),
            ],
        ),
    ],
}

MENTOR_AFTER = {
    "key": "mentor_after",
    "title": "Итоги программы наставничества для наставника",
    "purpose": P.AFTER,
    "audience": A.MENTORS,
    "anonymous": False,
    "confidential": True,
    "introduction": (
        "Программа наставничества подходит к концу. Оцените, как прошла работа в паре: мы сравним ответы "
        "с вашими ожиданиями в начале года, а ваши советы учтём в следующей программе. Ответы читает только "
        "куратор программы наставничества; их не показывают наставляемым и коллегам и не публикуют. "
        "Это займёт около 10 минут."
    ),
    "compare_with": "mentor_before",
    "sections": [
        _section(
            "Как прошла программа",
            _results(MENTOR_SATISFACTION),
            "Оцените каждое утверждение от 1 до 10.",
        ),
        _section(
            "Ваше мнение",
            [
                _q(
                    "meeting_frequency",
                    K.SINGLE,
                    "Как часто на самом деле проходили встречи с наставляемым?",
                    choices=MEETING_FREQUENCIES,
                ),
                _q(
                    "mentee_progress",
                    K.LONG_TEXT,
                    "Какие изменения вы заметили у наставляемого?",
                ),
                _q("most_useful", K.LONG_TEXT, "Что в работе пары оказалось самым удачным?"),
                _q(
                    "difficulties",
                    K.LONG_TEXT,
                    "С какими трудностями вы столкнулись?",
                    required=False,
                ),
                _q(
                    "improve",
                    K.LONG_TEXT,
                    "Что стоит изменить в программе наставничества?",
                    required=False,
                ),
                _q(
                    "continue_next_year",
                    K.YES_NO,
                    "Готовы ли вы быть наставником в следующем учебном году?",
                ),
                _q(
                    "share_practice",
                    K.YES_NO,
                    "Готовы ли вы рассказать о своём опыте на итоговом мероприятии или описать его как кейс?",
                    required=False,
                ),
            ],
        ),
    ],
}

RATING_HELP = "1 — очень слабо, 10 — отлично"

SWOT = {
    "key": "swot",
    "title": "Анкета куратора для SWOT-анализа программы наставничества",
    "purpose": P.SWOT,
    "audience": A.STAFF,
    "anonymous": False,
    "confidential": True,
    "introduction": (
        "Анкета для куратора программы наставничества по итогам года. Ответы станут основой SWOT-анализа "
        "в мониторинге программы и плана на следующий учебный год. Их читают куратор и администрация школы. "
        "Перед заполнением полезно просмотреть итоги анкет участников. Заполнение займёт около 30 минут."
    ),
    "compare_with": None,
    "sections": [
        _section(
            "SWOT-анализ",
            [
                _q(
                    "swot_strengths",
                    K.LONG_TEXT,
                    "Сильные стороны программы",
                    "Что получилось хорошо и на что можно опираться дальше.",
                ),
                _q(
                    "swot_weaknesses",
                    K.LONG_TEXT,
                    "Слабые стороны программы",
                    "Что не получилось или получилось хуже, чем планировали, и почему.",
                ),
                _q(
                    "swot_opportunities",
                    K.LONG_TEXT,
                    "Возможности",
                    "Внешние условия, которые помогут развить программу: партнёры, ресурсы, конкурсы, обучение.",
                ),
                _q(
                    "swot_threats",
                    K.LONG_TEXT,
                    "Угрозы",
                    "Внешние риски: нагрузка педагогов, уход наставников, изменения нормативной базы и другое.",
                ),
            ],
        ),
        _section(
            "Оценка направлений программы",
            [
                _q(
                    "rate_organisation",
                    K.SCALE_10,
                    "Организация программы: план, сроки, распределение обязанностей",
                    RATING_HELP,
                ),
                _q(
                    "rate_normative_base",
                    K.SCALE_10,
                    "Нормативная база: положение, приказы, дорожная карта",
                    RATING_HELP,
                ),
                _q("rate_matching", K.SCALE_10, "Качество подбора наставнических пар и групп", RATING_HELP),
                _q("rate_mentor_training", K.SCALE_10, "Подготовка и обучение наставников", RATING_HELP),
                _q("rate_meetings", K.SCALE_10, "Регулярность встреч в парах и группах", RATING_HELP),
                _q(
                    "rate_information",
                    K.SCALE_10,
                    "Информационное сопровождение: раздел на сайте школы, новости, социальные сети",
                    RATING_HELP,
                ),
                _q(
                    "rate_partners",
                    K.SCALE_10,
                    "Взаимодействие с родителями и организациями-партнёрами",
                    RATING_HELP,
                ),
                _q("rate_results", K.SCALE_10, "Результаты участников программы", RATING_HELP),
            ],
        ),
        _section(
            "Выводы",
            [
                _q("swot_conclusions", K.LONG_TEXT, "Основные выводы по итогам года"),
                _q(
                    "swot_plans",
                    K.LONG_TEXT,
                    "Что изменить и что запланировать на следующий учебный год?",
                ),
                _q(
                    "swot_best_practices",
                    K.LONG_TEXT,
                    "Какие практики и кейсы стоит включить в базу успешных практик?",
                    required=False,
                ),
            ],
        ),
    ],
}

FEEDBACK = {
    "key": "feedback",
    "title": "Обратная связь о встрече",
    "purpose": P.FEEDBACK,
    "audience": A.ANYONE,
    "anonymous": True,
    "confidential": False,
    "introduction": (
        "Несколько вопросов о встрече или о программе в целом. Анкета анонимная: мы не сохраняем, кто её "
        "заполнил. Ответы читает куратор программы наставничества, чтобы следующие встречи были полезнее. "
        "Это займёт 2–3 минуты."
    ),
    "compare_with": None,
    "sections": [
        _section(
            "Ваш отзыв",
            [
                _q(
                    "meeting_date",
                    K.DATE,
                    "Дата встречи",
                    "Если отзыв о программе в целом, оставьте пустым.",
                    required=False,
                ),
                _q(
                    "fb_useful",
                    K.SCALE_10,
                    "Насколько полезной была встреча?",
                    "1 — совсем бесполезной, 10 — очень полезной",
                ),
                _q(
                    "fb_mood",
                    K.SCALE_5,
                    "Насколько комфортно вам было на встрече?",
                    "1 — совсем некомфортно, 5 — легко и спокойно",
                ),
                _q("fb_learned", K.LONG_TEXT, "Что обсуждали и что нового вы узнали?"),
                _q("fb_unclear", K.LONG_TEXT, "Что осталось непонятным?", required=False),
                _q(
                    "fb_next_time",
                    K.LONG_TEXT,
                    "Что хотелось бы сделать или обсудить в следующий раз?",
                    required=False,
                ),
            ],
        ),
    ],
}

TEMPLATES = [
    MENTEE_INTAKE_STUDENT,
    MENTEE_INTAKE_TEACHER,
    MENTOR_INTAKE,
    MENTOR_INTAKE_STUDENT,
    THIRD_PARTY,
    MENTEE_BEFORE,
    MENTEE_AFTER,
    MENTEE_AFTER_TEACHER,
    MENTOR_BEFORE,
    MENTOR_AFTER,
    SWOT,
    FEEDBACK,
]
