"""The question codes the programme itself reads.

A code names the same question in every survey that asks it: the mentee's intake and the
mentor's intake share ``topics`` (what the mentee needs / what the mentor can offer, with the
same choice codes), so matching can compare them; the questionnaires before and after the
programme share the ``sat_`` and ``growth_`` items, so monitoring compares them item by item.
A curator may add questions with any other code.
"""

# Who is answering, for forms filled through an open link or by a parent.
LAST_NAME = "last_name"
FIRST_NAME = "first_name"
PATRONYMIC = "patronymic"
CATEGORY = "category"  # single choice: student / teacher / staff / external (choice codes: Person.Kind values)
GRADE = "grade"  # number: the student's grade (1–11)
POSITION = "position"
ORGANISATION = "organisation"
EMAIL = "email"
PHONE = "phone"

# Intake, shared by the mentees' and the mentors' questionnaires (and matching).
FORM = "form"  # single choice: the preferred form of mentoring; choice texts are the forms' names
TOPICS = "topics"  # several choices: a student's needs / what a mentor of students offers
TEACHER_TOPICS = "teacher_topics"  # several choices: a teacher's needs / what a mentor of teachers offers
INTERESTS = "interests"  # several choices: interests and hobbies
MEETING_FORMAT = "meeting_format"  # one choice: in person / online / both
AVAILABILITY = "availability"  # several choices: convenient days and times
REQUEST = "request"  # long text: the mentee's request in their own words
COMPETENCIES = "competencies"  # long text: what a mentor can offer, in their own words
SUBJECTS = "subjects"  # short text: school subjects
CAPACITY = "capacity"  # number: how many mentees a mentor can take
EXPERIENCE_YEARS = "experience_years"  # number: a teacher's years of teaching

# Items compared before and after the programme (1–10 scales).
SATISFACTION_PREFIX = "sat_"  # expectations before, satisfaction after
GROWTH_PREFIX = "growth_"  # a mentee's self-assessment: the baseline, then the final one
# Satisfaction items only the mentors' questionnaires ask: a survey asking any of them is the
# mentors' (monitoring tells the two sides apart by the questions, not by the survey's title).
MENTOR_SIDE_SATISFACTION = frozenset(
    {"sat_mentee_engagement", "sat_curator_support", "sat_training", "sat_own_growth", "sat_time_enough"}
)
