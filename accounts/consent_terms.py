"""The wording a student agrees to when they let their institution see their activity.

Change the text → bump VERSION. A grant must name the version the student was shown; an old
version is refused so nobody agrees to words they never saw.
"""

VERSION = "2026-2"

PURPOSE = (
    "Your career office uses what you share to support you — to see which kinds of work you try, "
    "to spot when a mentor's feedback could help your next step, and to report anonymised totals "
    "(never fewer than 5 people) to the institution. It never shares this with employers or other "
    "students, and you can stop sharing at any time; they see nothing new from that moment."
)

SCOPES = {
    "participation": (
        "Participation",
        "That you use Slipstream: the tasks you applied to, engagements you started and finished, "
        "and their dates.",
    ),
    "evaluations": (
        "Evaluations",
        "What mentors said about your finished work: their ratings and the career-readiness "
        "skills they noted (communication, teamwork and so on).",
    ),
    "stipend_amounts": (
        "Stipend amounts",
        "How much you were paid for paid tasks. Without this they only see whether a task was "
        "paid.",
    ),
    "outcomes": (
        "Outcomes",
        "What your finished drafts led to, as you or your mentor reported back: an "
        "introduction, a referral, repeat work or a job or internship offer, with the date. "
        "Your office counts these for its graduate-outcomes survey; the notes stay private.",
    ),
}
