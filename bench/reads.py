"""The reads the benchmark measures, each beside its floor: one entry per read.

A `Read` names the API request (through the whole Django stack) and the floor: one
hand-written SQL query returning the same rows, which a bare Django view encodes with orjson
(bench/urls.py). The ratio API / floor is what our code adds on top of the unavoidable request
and query cost. Adding a read = adding one entry to READS.

SQL differs between the two databases only in JSON functions (`_j`) and full-text search.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from functools import cache
from typing import Any

from django.db import connection
from django.db.models import Count
from django.utils import timezone

from accounts.models import Institution, InstitutionApiKey, InstitutionMembership, Skill, User
from accounts.services.institution_keys import institution_api_key_create
from bench.scale import persona_email
from projects.matching.weights import CANDIDATES_BY_SKILL
from projects.models import Application, Task
from projects.search import RANK_WINDOW

Context = dict[str, Any]


@dataclass(frozen=True)
class Read:
    name: str
    persona: str  # "mentor" | "drafter" | "anonymous" | "careers key" (an institution's API key)
    url: Callable[[Context], str]
    floor: Callable[[Context], tuple[str, list[Any]]]
    target: float  # the ratio to the floor this read should stay under


def _j(name: str) -> str:
    """JSON builder function names: SQLite's JSON1 and PostgreSQL's spell them differently."""
    pg = connection.vendor == "postgresql"
    return {
        "obj": "json_build_object" if pg else "json_object",
        "agg": "json_agg" if pg else "json_group_array",
        "empty": "'[]'::json" if pg else "'[]'",
    }[name]


def _skills_json(task: str) -> str:
    skill = f"{_j('obj')}('slug', s.slug, 'name', s.name)"
    # PostgreSQL: each skill by its key, as the product reads them (a join hashed the whole
    # catalogue once per task, and the floor should be the best hand-written SQL).
    skills = (
        "CROSS JOIN LATERAL (SELECT s.slug, s.name FROM accounts_skill s"
        " WHERE s.id = ts.skill_id OFFSET 0) s"
        if connection.vendor == "postgresql"
        else "JOIN accounts_skill s ON s.id = ts.skill_id"
    )
    return f"""(SELECT coalesce({_j("agg")}({skill}), {_j("empty")})
        FROM projects_task_skills ts {skills}
        WHERE ts.task_id = {task}.id)"""  # fmt: skip


CARD_COLUMNS = """t.id, t.title, substr(t.description, 1, 240) AS excerpt, t.estimated_hours,
    t.deadline, t.is_remote, t.location, t.slots, t.filled_slots, t.stipend_amount,
    t.stipend_currency, t.what_you_gain, t.visibility, t.published_at,
    p.handle AS mentor_handle, p.display_name AS mentor_name"""

VISIBLE = """(t.visibility = 'public' OR t.mentor_id = %s OR EXISTS (
    SELECT 1 FROM projects_task_institutions ti
    JOIN accounts_institutionmembership m ON m.institution_id = ti.institution_id
    WHERE ti.task_id = t.id AND m.user_id = %s AND m.role = 'student' AND m.ended_at IS NULL))"""


def _browse(where: str = "", params: tuple = ()) -> Callable[[Context], tuple[str, list]]:
    def floor(ctx: Context) -> tuple[str, list]:
        viewer = ctx["drafter"].pk
        sql = f"""SELECT {CARD_COLUMNS}, {_skills_json("t")} AS skills
            FROM projects_task t JOIN accounts_profile p ON p.user_id = t.mentor_id
            WHERE t.state = 'open' AND {VISIBLE} {where}
            ORDER BY t.published_at DESC, t.id DESC LIMIT 21"""
        return sql, [viewer, viewer, *[p(ctx) if callable(p) else p for p in params]]

    return floor


def _search_floor(ctx: Context) -> tuple[str, list]:
    """Ranked within the same window as the product: the RANK_WINDOW newest matches."""
    viewer, word = ctx["drafter"].pk, ctx["search_word"]
    offset = RANK_WINDOW - 1
    if connection.vendor == "postgresql":
        vector = "t.search_vector"  # stored, GIN-indexed (projects migration 0004)
        query = "to_tsquery('english'::regconfig, %s)"
        sql = f"""SELECT {CARD_COLUMNS}, ts_rank({vector}, {query}) AS rank,
                {_skills_json("t")} AS skills
            FROM projects_task t JOIN accounts_profile p ON p.user_id = t.mentor_id
            WHERE {vector} @@ {query} AND t.id IN (SELECT w.id FROM projects_task w
                WHERE w.search_vector @@ {query} ORDER BY w.id DESC LIMIT {RANK_WINDOW})
              AND t.state = 'open' AND {VISIBLE}
            ORDER BY rank DESC, t.id DESC LIMIT 21"""
        return sql, [f"{word}:*", f"{word}:*", f"{word}:*", viewer, viewer]
    sql = f"""SELECT {CARD_COLUMNS}, -f.rank AS rank, {_skills_json("t")} AS skills
        FROM projects_task_fts f JOIN projects_task t ON t.id = f.rowid
        JOIN accounts_profile p ON p.user_id = t.mentor_id
        WHERE projects_task_fts MATCH %s AND f.rowid >= coalesce((SELECT rowid
                FROM projects_task_fts WHERE projects_task_fts MATCH %s
                ORDER BY rowid DESC LIMIT 1 OFFSET {offset}), 0)
          AND t.state = 'open' AND {VISIBLE}
        ORDER BY f.rank, t.id DESC LIMIT 21"""
    return sql, [f'"{word}"*', f'"{word}"*', viewer, viewer]


def _detail_floor(ctx: Context) -> tuple[str, list]:
    viewer = ctx["drafter"].pk
    sql = f"""SELECT t.id, t.title, t.description, t.estimated_hours, t.deadline, t.is_remote,
            t.location, t.slots, t.filled_slots, t.stipend_amount, t.stipend_currency,
            t.what_you_gain, t.visibility, t.questions, t.state, t.published_at, t.created_at,
            {_j("obj")}('id', t.mentor_id, 'handle', p.handle, 'display_name', p.display_name)
                AS mentor,
            {_skills_json("t")} AS skills,
            (SELECT a.id FROM projects_application a
             WHERE a.task_id = t.id AND a.drafter_id = %s) AS viewer_application_id
        FROM projects_task t JOIN accounts_profile p ON p.user_id = t.mentor_id
        WHERE t.id = %s AND t.state IN ('open', 'closed', 'archived') AND {VISIBLE}"""
    return sql, [viewer, ctx["task_id"], viewer, viewer]


def _applications_floor(ctx: Context) -> tuple[str, list]:
    sql = f"""SELECT a.id, a.state, a.note, a.work_sample_link, a.answers, a.decline_note,
            a.created_at, a.updated_at,
            {_j("obj")}('id', t.id, 'title', t.title, 'state', t.state) AS task,
            {_j("obj")}('id', d.user_id, 'handle', d.handle, 'display_name', d.display_name,
                'headline', d.headline) AS drafter,
            (SELECT coalesce({_j("agg")}({_j("obj")}('id', i.id, 'title', i.title,
                    'link', i.link, 'visibility', i.visibility)), {_j("empty")})
             FROM projects_application_portfolio_items ai
             JOIN accounts_portfolioitem i ON i.id = ai.portfolioitem_id
             WHERE ai.application_id = a.id) AS portfolio_items,
            (SELECT e.id FROM projects_engagement e WHERE e.application_id = a.id) AS engagement_id
        FROM projects_application a JOIN projects_task t ON t.id = a.task_id
        JOIN accounts_profile d ON d.user_id = a.drafter_id
        WHERE a.task_id = %s AND t.mentor_id = %s
        ORDER BY a.id DESC LIMIT 21"""
    return sql, [ctx["mentor_task_id"], ctx["mentor"].pk]


def _list(inner: str) -> str:
    return f"(SELECT coalesce({_j('agg')}(x.j), {_j('empty')}) FROM ({inner}) x)"


def _dashboard_floor(ctx: Context) -> tuple[str, list]:
    """The drafter's dashboard in one statement: each section a JSON list column."""
    o = _j("obj")
    me = ctx["drafter"].pk
    person = "'id', {0}.user_id, 'handle', {0}.handle, 'display_name', {0}.display_name"
    tasks = f"""SELECT {o}('id', t.id, 'title', t.title, 'state', t.state,
            'total', (SELECT count(*) FROM projects_application a WHERE a.task_id = t.id)) AS j
        FROM projects_task t WHERE t.mentor_id = %s AND t.state <> 'archived'
        ORDER BY t.id DESC LIMIT 50"""
    applications = f"""SELECT {o}('id', a.id, 'state', a.state, 'created_at', a.created_at,
            'task', {o}('id', t.id, 'title', t.title, 'state', t.state),
            'mentor', {o}({person.format("mp")})) AS j
        FROM projects_application a JOIN projects_task t ON t.id = a.task_id
        JOIN accounts_profile mp ON mp.user_id = t.mentor_id
        WHERE a.drafter_id = %s ORDER BY a.id DESC LIMIT 50"""
    engagements = f"""SELECT {o}('id', e.id, 'state', e.state, 'started_at', e.started_at,
            'task', {o}('id', t.id, 'title', t.title),
            'mentor', {o}({person.format("mp")}), 'drafter', {o}({person.format("dp")})) AS j
        FROM projects_engagement e JOIN projects_task t ON t.id = e.task_id
        JOIN accounts_profile mp ON mp.user_id = e.mentor_id
        JOIN accounts_profile dp ON dp.user_id = e.drafter_id
        WHERE e.mentor_id = %s OR e.drafter_id = %s ORDER BY e.id DESC LIMIT 50"""
    to_review = f"""SELECT {o}('id', a.id, 'state', a.state, 'task', {o}('id', t.id,
            'title', t.title), 'drafter', {o}({person.format("dp")})) AS j
        FROM projects_application a JOIN projects_task t ON t.id = a.task_id
        JOIN accounts_profile dp ON dp.user_id = a.drafter_id
        WHERE t.mentor_id = %s AND a.state IN ('submitted', 'shortlisted')
        ORDER BY a.id DESC LIMIT 20"""
    introductions = f"""SELECT {o}('id', i.id, 'note', i.note, 'task', {o}('id', t.id,
            'title', t.title), 'introducer', {o}({person.format("ip")})) AS j
        FROM projects_introduction i JOIN projects_task t ON t.id = i.task_id
        JOIN accounts_profile ip ON ip.user_id = i.introducer_id
        WHERE i.drafter_id = %s AND i.state = 'pending' ORDER BY i.id DESC LIMIT 20"""
    sql = f"""SELECT {_list(tasks)} AS tasks, {_list(to_review)} AS to_review,
        {_list(applications)} AS applications, {_list(engagements)} AS engagements,
        {_list(introductions)} AS introductions,
        (SELECT count(*) FROM projects_message m
         WHERE m.recipient_id = %s AND m.read_at IS NULL) AS unread_messages"""
    return sql, [me, me, me, me, me, me, me]


def _recommendations_floor(ctx: Context) -> tuple[str, list]:
    """The product's bounded pool in SQL: the CANDIDATES_BY_SKILL newest open tasks the drafter
    may apply to that share a skill with their declared skills or portfolio, best matched first.
    (The product adds text and newest candidates and scores in Python; this is the SQL floor.)"""
    me = ctx["drafter"].pk
    mine = """SELECT us.skill_id FROM accounts_userskill us WHERE us.user_id = %s
        UNION SELECT pis.skill_id FROM accounts_portfolioitem_skills pis
        JOIN accounts_portfolioitem pi ON pi.id = pis.portfolioitem_id WHERE pi.owner_id = %s"""
    sql = f"""SELECT {CARD_COLUMNS}, {_skills_json("t")} AS skills,
            (SELECT count(*) FROM projects_task_skills ms
             WHERE ms.task_id = t.id AND ms.skill_id IN ({mine})) AS matches
        FROM (SELECT t.id FROM projects_task t
              WHERE t.state = 'open' AND t.mentor_id <> %s AND t.filled_slots < t.slots
                AND {VISIBLE}
                AND EXISTS (SELECT 1 FROM projects_task_skills ts
                            WHERE ts.task_id = t.id AND ts.skill_id IN ({mine}))
                AND NOT EXISTS (SELECT 1 FROM projects_application a
                                WHERE a.task_id = t.id AND a.drafter_id = %s)
              ORDER BY t.published_at DESC, t.id DESC LIMIT {CANDIDATES_BY_SKILL}) pool
        JOIN projects_task t ON t.id = pool.id
        JOIN accounts_profile p ON p.user_id = t.mentor_id
        ORDER BY matches DESC, t.published_at DESC, t.id DESC LIMIT 20"""
    return sql, [me, me, me, me, me, me, me, me]


def _greatest() -> str:
    return "greatest" if connection.vendor == "postgresql" else "max"


def _datetime(value: Any) -> Any:
    return connection.ops.adapt_datetimefield_value(value)


CONSENTING = """u.is_active
    AND EXISTS (SELECT 1 FROM accounts_institutionmembership m WHERE m.user_id = u.id
        AND m.institution_id = %s AND m.role = 'student' AND m.ended_at IS NULL)
    AND EXISTS (SELECT 1 FROM accounts_consent c WHERE c.student_id = u.id
        AND c.institution_id = %s AND c.revoked_at IS NULL AND c.participation)"""


def _careers_students_floor(ctx: Context) -> tuple[str, list]:
    """A page of consenting students changed since `updated_since`, with counts and skills."""
    inst, epoch = ctx["institution"].pk, _datetime(ctx["epoch"])
    sql = f"""SELECT x.*,
            (SELECT coalesce({_j("agg")}(s.name), {_j("empty")}) FROM accounts_userskill us
             JOIN accounts_skill s ON s.id = us.skill_id WHERE us.user_id = x.id) AS skills
        FROM (
        SELECT u.id, p.display_name, p.handle, m.programme, m.class_year,
            c.granted_at, c.evaluations, c.stipend_amounts,
            (SELECT count(*) FROM projects_application a WHERE a.drafter_id = u.id) AS applications,
            (SELECT count(*) FROM projects_engagement e WHERE e.drafter_id = u.id) AS engagements,
            (SELECT count(*) FROM projects_engagement e
             WHERE e.drafter_id = u.id AND e.state = 'completed') AS completed,
            {_greatest()}(p.updated_at, c.granted_at, m.updated_at,
                coalesce((SELECT max(us.created_at) FROM accounts_userskill us
                          WHERE us.user_id = u.id), %s),
                coalesce((SELECT max(a.updated_at) FROM projects_application a
                          WHERE a.drafter_id = u.id), %s),
                coalesce((SELECT max(e.updated_at) FROM projects_engagement e
                          WHERE e.drafter_id = u.id), %s)) AS changed_at
        FROM accounts_user u JOIN accounts_profile p ON p.user_id = u.id
        JOIN accounts_institutionmembership m ON m.user_id = u.id AND m.institution_id = %s
            AND m.role = 'student' AND m.ended_at IS NULL
        JOIN accounts_consent c ON c.student_id = u.id AND c.institution_id = %s
            AND c.revoked_at IS NULL AND c.participation
        WHERE u.is_active) x
        WHERE x.changed_at > %s ORDER BY x.id LIMIT 21"""
    return sql, [epoch, epoch, epoch, inst, inst, _datetime(ctx["updated_since"])]


def _careers_summary_floor(ctx: Context) -> tuple[str, list]:
    """The summary report's totals, stipend totals and top skills in one statement."""
    inst = ctx["institution"].pk
    o, agg, empty = _j("obj"), _j("agg"), _j("empty")
    sql = f"""WITH eng AS (
            SELECT e.drafter_id, e.state, e.task_id, t.estimated_hours, t.stipend_amount,
                t.stipend_currency
            FROM projects_engagement e JOIN projects_task t ON t.id = e.task_id
            WHERE e.drafter_id IN (SELECT u.id FROM accounts_user u WHERE {CONSENTING})),
        skills AS (
            SELECT s.name AS skill, count(DISTINCT r.drafter_id) AS n FROM eng r
            JOIN projects_task_skills ts ON ts.task_id = r.task_id
            JOIN accounts_skill s ON s.id = ts.skill_id
            GROUP BY s.name HAVING count(DISTINCT r.drafter_id) >= 5
            ORDER BY n DESC, s.name LIMIT 10),
        stipends AS (
            SELECT r.stipend_currency AS currency, sum(r.stipend_amount) AS total FROM eng r
            WHERE r.stipend_amount > 0 AND r.drafter_id IN (
                SELECT c.student_id FROM accounts_consent c WHERE c.institution_id = %s
                AND c.revoked_at IS NULL AND c.stipend_amounts)
            GROUP BY r.stipend_currency)
        SELECT count(DISTINCT drafter_id) AS students, count(*) AS engagements,
            sum(CASE WHEN state = 'completed' THEN 1 ELSE 0 END) AS completed,
            sum(CASE WHEN stipend_amount > 0 THEN 1 ELSE 0 END) AS paid,
            sum(CASE WHEN coalesce(stipend_amount, 0) = 0 THEN 1 ELSE 0 END) AS unpaid,
            sum(coalesce(estimated_hours, 0)) AS hours,
            (SELECT coalesce({agg}({o}('currency', currency, 'total', total)), {empty})
             FROM stipends) AS stipend_totals,
            (SELECT coalesce({agg}({o}('skill', skill, 'students', n)), {empty})
             FROM skills) AS top_skills
        FROM eng"""
    return sql, [inst, inst, inst]


def _careers_engagements_floor(ctx: Context) -> tuple[str, list]:
    """A page of completed engagements of consenting students, as the dashboard's filtered
    table asks for them: task, student name, deliverables, ordered by id."""
    inst = ctx["institution"].pk
    sql = f"""SELECT e.id, e.drafter_id, p.display_name, p.handle, e.task_id, t.title,
            t.estimated_hours, t.stipend_amount, t.stipend_currency, e.state, e.started_at,
            e.delivered_at, e.completed_at, e.cancelled_at, e.created_at, e.updated_at,
            (SELECT count(*) FROM projects_deliverable d WHERE d.engagement_id = e.id) AS files
        FROM projects_engagement e JOIN projects_task t ON t.id = e.task_id
        JOIN accounts_profile p ON p.user_id = e.drafter_id
        WHERE e.state = 'completed'
            AND e.drafter_id IN (SELECT u.id FROM accounts_user u WHERE {CONSENTING})
        ORDER BY e.id LIMIT 21"""
    return sql, [inst, inst]


READS = [
    Read("browse", "drafter", lambda c: "/api/v1/tasks/?page_size=20", _browse(), 2),
    Read(
        "search",
        "drafter",
        lambda c: f"/api/v1/tasks/?page_size=20&q={c['search_word']}&ordering=relevance",
        _search_floor,
        2,
    ),
    Read(
        "filtered browse",
        "drafter",
        lambda c: (
            f"/api/v1/tasks/?page_size=20&skills={c['skill']}&paid=true&min_hours=4&max_hours=20"
        ),
        _browse(
            # The skill by id, as the product filters (its ids are cached by slug).
            """AND EXISTS (SELECT 1 FROM projects_task_skills ts2
                WHERE ts2.task_id = t.id AND ts2.skill_id = %s)
               AND t.stipend_amount > 0 AND t.estimated_hours BETWEEN 4 AND 20""",
            (lambda c: c["skill_id"],),
        ),
        2,
    ),
    Read("task detail", "drafter", lambda c: f"/api/v1/tasks/{c['task_id']}/", _detail_floor, 2),
    Read(
        "mentor's applications",
        "mentor",
        lambda c: f"/api/v1/tasks/{c['mentor_task_id']}/applications/?page_size=20",
        _applications_floor,
        4,
    ),
    Read("drafter dashboard", "drafter", lambda c: "/api/v1/me/dashboard/", _dashboard_floor, 4),
    Read(
        "recommendations",
        "drafter",
        lambda c: "/api/v1/me/recommendations/",
        _recommendations_floor,
        4,
    ),
    Read(
        "careers students",
        "careers key",
        lambda c: (
            "/api/v1/careers/students/?page_size=20&updated_since="
            + c["updated_since"].strftime("%Y-%m-%dT%H:%M:%SZ")
        ),
        _careers_students_floor,
        4,
    ),
    Read(
        "careers summary",
        "careers key",
        lambda c: "/api/v1/careers/reports/summary/",
        _careers_summary_floor,
        4,
    ),
    Read(
        "careers engagements",
        "careers key",
        lambda c: "/api/v1/careers/engagements/?page_size=20&state=completed",
        _careers_engagements_floor,
        4,
    ),
]
READS_BY_SLUG = {read.name.replace(" ", "-").replace("'", ""): read for read in READS}


def slug(read: Read) -> str:
    return read.name.replace(" ", "-").replace("'", "")


def _careers_key(institution: Institution) -> str:
    """A fresh API key of the institution (its admin staff issue it, as on the dashboard); the
    previous run's bench keys are removed."""
    InstitutionApiKey.objects.filter(institution=institution, name="bench").delete()
    staff = InstitutionMembership.objects.filter(
        institution=institution, role=InstitutionMembership.Role.STAFF, ended_at=None
    ).first()
    staff.staff_role = InstitutionMembership.StaffRole.ADMIN
    staff.save(update_fields=["staff_role"])
    return institution_api_key_create(
        actor=staff.user, institution=institution, name="bench"
    ).secret


@cache
def context(size: str) -> Context:
    """The people and rows the reads point at, looked up once per process."""
    mentor = User.objects.get(email=persona_email(role="mentor", size=size))
    drafter = User.objects.get(email=persona_email(role="drafter", size=size))
    busiest = (
        Application.objects.filter(task__mentor=mentor)
        .values("task_id")
        .annotate(n=Count("id"))
        .order_by("-n", "task_id")
        .first()
    )
    open_ids = Task.objects.filter(state="open", visibility="public").order_by("id")
    middle = open_ids.count() // 2
    popular = Skill.objects.annotate(n=Count("tasks")).order_by("-n", "id").first()
    # The career office with the most consenting students; its key reads the careers API.
    institution = Institution.objects.annotate(n=Count("consents")).order_by("-n", "id").first()
    return {
        "institution": institution,
        "careers key": _careers_key(institution),
        # A nightly sync: what changed in the last day (the generated rows all did).
        "updated_since": timezone.now() - timedelta(days=1),
        "epoch": timezone.now().replace(year=2000, month=1, day=1),
        "mentor": mentor,
        "drafter": drafter,
        "mentor_task_id": busiest["task_id"],
        "task_id": open_ids.values_list("id", flat=True)[middle],
        "skill": popular.slug,
        "skill_id": popular.pk,
        "search_word": "dashboard",
    }
