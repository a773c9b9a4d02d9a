"""Every weight of the recommendation score, named and explained. A score is a sum of points;
the bigger the better. Change a number here and `make matching-eval` says what it did."""

# --- Skills -------------------------------------------------------------------------------------
# Points for a task whose every skill the drafter has at full credit. A task's skill credit is the
# mean over its skills, so covering all of a task's skills beats covering one of three.
SKILL_POINTS = 50.0
# Extra points per directly matched skill (at most MATCH_COUNT_CAP), so two matches beat one.
MATCH_COUNT_POINTS = 4.0
MATCH_COUNT_CAP = 3
# How much a declared level is worth. A *learning* match is a stretch task: it still counts,
# and the reasons say so.
LEVEL_CREDIT = {"learning": 0.45, "working": 0.85, "expert": 1.0}
# Evidence counts more than a declaration: a portfolio item showing the skill, then a mentor's
# endorsement after a completed draft. Multiplies the level credit (a skill shown in the
# portfolio but not declared counts as "working").
EVIDENCE_DECLARED = 1.0
EVIDENCE_PORTFOLIO = 1.2
EVIDENCE_ENDORSED = 1.35
# Partial credit: a skill of the same family ("User interviews" for a "UX research" task) and,
# much less, of the same catalogue category ("software").
FAMILY_CREDIT = 0.45
CATEGORY_CREDIT = 0.1
# Rare skills are worth more than common ones: a direct match is multiplied by
# 1 + RARITY_BONUS * (inverse document frequency among drafters, scaled to 0…1).
RARITY_BONUS = 0.3
# How long the counts behind rarity (drafters, holders of each skill) are cached, in seconds.
RARITY_CACHE_SECONDS = 600

# --- Text ---------------------------------------------------------------------------------------
# Text relevance (BM25, projects/matching/text.py) between the task and the drafter's headline,
# bio and portfolio, scaled to 0…1 within the candidates; worth at most this many points. Words
# are counted only when at least TEXT_MIN_WORDS of the drafter's words appear in the task.
TEXT_POINTS = 12.0
TEXT_MIN_WORDS = 2
# How many of the drafter's most frequent words go into the full-text query.
TEXT_MAX_WORDS = 12
# BM25's two parameters (projects/matching/text.py): term-frequency saturation and
# document-length normalisation, FTS5's and Lucene's defaults.
BM25_K1 = 1.2
BM25_B = 0.75
# For a mentor's task, a drafter's text relevance is the share of MENTOR_TEXT_FULL_WORDS words
# their profile shares with the task's MENTOR_TASK_WORDS most frequent words (4 shared = full).
MENTOR_TASK_WORDS = 40
MENTOR_TEXT_FULL_WORDS = 4

# --- Time ---------------------------------------------------------------------------------------
# The task fits the drafter's weekly hours (estimated hours ≤ weekly hours) …
HOURS_FIT_POINTS = 8.0
# … or fits by the deadline (weekly hours * weeks left; HOURS_DEFAULT_WEEKS without a deadline).
HOURS_FIT_BY_DEADLINE_POINTS = 4.0
HOURS_DEFAULT_WEEKS = 3
# It does not fit at all: a task of 40 hours is not for someone with 6 hours a week.
HOURS_MISFIT_PENALTY = 35.0

# --- The task and its mentor --------------------------------------------------------------------
# Featured for the drafter by their career office (the careers app's featured tasks).
FEATURED_POINTS = 6.0
# The mentor answers applications quickly: on average within RESPONSIVE_DAYS (the figure and its
# window are measured in projects/reply_times.py, which the mentor card shows too).
RESPONSIVE_POINTS = 4.0
RESPONSIVE_DAYS = 3
# A mentor who answers under projects.response_rates.LOW_RESPONSE_RATE of their applications ranks
# lower by this many points (and is asked to pause or close tasks, once a month).
LOW_RESPONSE_PENALTY = 10.0
# Freshness decays by half every FRESHNESS_HALF_LIFE_DAYS; "new" is said only within NEW_DAYS.
FRESHNESS_POINTS = 6.0
FRESHNESS_HALF_LIFE_DAYS = 14
NEW_DAYS = 14
STIPEND_POINTS = 1.0

# --- Levels -------------------------------------------------------------------------------------
# A task's level (Task.Level). An `experienced` task is never shown to someone only *learning*
# its skills (a hard rule, not a weight); a `beginner_friendly` one gains these points for them,
# and the reason says "Beginner-friendly".
BEGINNER_FRIENDLY_POINTS = 8.0

# --- The list -----------------------------------------------------------------------------------
# Diversification: each further task of a mentor already in the list is worth this fraction of
# its score (0.6, 0.36, …), so ten tasks of one mentor never crowd out everyone else.
SAME_MENTOR_DECAY = 0.6
# Candidate pools, so the work is bounded whatever the catalogue size.
CANDIDATES_BY_SKILL = 150
CANDIDATES_BY_TEXT = 60
CANDIDATES_NEWEST = 20
# The newest tasks mentioning the drafter's words whose text relevance is ranked to choose the
# CANDIDATES_BY_TEXT (projects/matching/text.py).
TEXT_SCORED = 200
# The full-text index looks for the drafter's words among this many of the newest tasks mentioning
# any of them (projects/search.py's window): bounded work whatever the catalogue size.
TEXT_RANK_WINDOW = 1000
DRAFTER_CANDIDATES = 200
