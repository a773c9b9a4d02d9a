"""The wording a student agrees to when they let their institution see their activity.

Change the text → bump VERSION. A grant must name the version the student was shown; an old
version is refused so nobody agrees to words they never saw. A grant already made under an
older version stays in force (the office reads by scope, never by version): the student agreed
to those words, and the history shows which.

The words are the career-office glossary's (docs/career-offices-glossary.md): "Ratings from
mentors" for the `evaluations` scope, "figures" for totals.
"""

# 2026-3: "Evaluations" became "Ratings from mentors", and the purpose states the hiding rule
# the figures follow (it said "never fewer than 5 people").
VERSION = "2026-3"

PURPOSE = (
    "Your career office uses what you share to support you — to see which kinds of work you try, "
    "to spot when a mentor's feedback could help your next step, and to report figures "
    "(totals without names) to the institution: a figure is hidden when fewer than 5 students "
    "share what it counts. It never shares this with employers or other students, and you can "
    "stop sharing at any time; they see nothing new from that moment."
)

SCOPES = {
    "participation": (
        "Participation",
        "That you use Slipstream: the tasks you applied to, engagements you started and finished, "
        "and their dates.",
    ),
    "evaluations": (
        "Ratings from mentors",
        "How mentors rated your finished work on career-readiness skills such as "
        "communication and teamwork, each from 1 to 5 (shown as 4.0 / 5).",
    ),
    "stipend_amounts": (
        "Stipend amounts",
        "How much you were paid on tasks with a stipend. Without this they only see whether "
        "a task was \N{LEFT DOUBLE QUOTATION MARK}With stipend\N{RIGHT DOUBLE QUOTATION MARK} "
        "or \N{LEFT DOUBLE QUOTATION MARK}Unpaid\N{RIGHT DOUBLE QUOTATION MARK}.",
    ),
    "outcomes": (
        "Outcomes",
        "What your finished drafts led to, as you or your mentor reported back: an "
        "introduction, a referral, repeat work or a job or internship offer, with the date. "
        "Your office counts these for its graduate-outcomes survey; the notes stay private.",
    ),
}
