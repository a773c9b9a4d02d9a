"""The matching evaluation set: 16 drafters (most with profile skills only), 45 tasks and 23
mentors open (or not) to offers, with relevance judged by hand — written down before the scores
were looked at, by common sense: would this person want to see this task (or offer this mentor
their help) in their top five?

It covers spelling variants (a legacy "Data visualization" and "Financial modeling" next to the
catalogue's British names, declared by drafters too), aliases, skill families (a "User interviews"
drafter for UX research; an HTML/CSS drafter who must not be sent React work as "close to" her
HTML), stretch levels (learning), hours that do not fit (a 60-hour task; a Kubernetes move due in
10 days for someone with 5 hours a week) and task levels: LEVEL_TRAPS are `experienced` tasks
for a drafter who is only learning their skills, which must never reach their top five (nor
the drafter the mentor's), and beginner-friendly tasks judged relevant for those learners.
"""

# Skills created as older near-duplicates, straight into the table (as before the catalogue
# normalised spellings): matching must treat them as the catalogue's skill.
LEGACY_SKILLS = ["Data visualization", "Financial modeling"]

# key: (title, description, skills, estimated hours, deadline in days or None)
TASKS: dict[str, tuple[str, str, list[str], int, int | None]] = {
    "t1": ("Fix a web scraper", "Our Python scraper for council minutes broke; fix the parsing.",
           ["Python", "Web scraping"], 6, None),
    "t2": ("Clean survey responses", "Deduplicate and tidy 3,000 survey rows with pandas.",
           ["Python", "pandas", "Data cleaning"], 5, None),
    "t3": ("Write SQL for a monthly report", "Queries for donations by month on PostgreSQL.",
           ["SQL", "PostgreSQL"], 4, None),
    "t4": ("Chart our impact numbers", "Turn a spreadsheet of outcomes into three clear charts.",
           ["Data visualization"], 5, None),
    "t5": ("Build a Tableau dashboard", "A dashboard of volunteer hours for the board.",
           ["Tableau", "Dashboards"], 8, None),
    "t6": ("Prototype a churn model", "A first model of which members lapse, with a write-up.",
           ["Machine learning", "scikit-learn"], 12, None),
    "t7": ("Fix a Django admin bug", "A list filter in our Django admin crashes on blank dates.",
           ["Django", "Python"], 4, None),
    "t8": ("Build a React signup form", "Accessible signup form with validation.",
           ["React", "JavaScript"], 6, None),
    "t9": ("Polish CSS for mobile", "Our landing page breaks on small phones.",
           ["CSS", "HTML"], 4, None),
    "t10": ("Rewrite our API backend", "Replace the PHP API with a Django REST service.",
            ["Python", "Django", "REST API design"], 60, None),
    "t11": ("Draw a mascot", "A friendly otter for our reading club, three poses.",
            ["Illustration"], 6, None),
    "t12": ("Design a set of icons", "Twelve line icons for a food bank app.",
            ["Icon design", "Adobe Illustrator"], 5, None),
    "t13": ("Prototype an onboarding flow", "Clickable Figma prototype of a five-step signup.",
            ["Figma", "Prototyping"], 6, None),
    "t14": ("Run five user interviews", "Interview volunteers about how they sign up for shifts.",
            ["UX research"], 8, None),
    "t15": ("Usability test our checkout", "Test the donation checkout with five people.",
            ["Usability testing"], 6, None),
    "t16": ("Literature review on microfinance", "Summarise ten studies on group lending.",
            ["Literature review", "Academic writing"], 10, None),
    "t17": ("Desk research for a policy brief", "What cities do about e-scooter parking.",
            ["Policy research", "Desk research"], 8, None),
    "t18": ("Copy-edit our annual report", "Twenty pages, house style, tracked changes.",
            ["Copy editing", "Proofreading"], 5, None),
    "t19": ("Write three blog posts", "Stories from our volunteers, 800 words each.",
            ["Content writing", "Blog writing"], 6, None),
    "t20": ("Draft a grant application", "A community foundation grant for a reading scheme.",
            ["Grant writing"], 10, None),
    "t21": ("Build a financial model for our café", "Three-year model with hiring scenarios.",
            ["Financial modeling", "Excel"], 8, None),
    "t22": ("Catch up our bookkeeping in Xero", "Reconcile six months of transactions.",
            ["Bookkeeping", "Xero"], 6, None),
    "t23": ("Tighten our pitch deck", "Twelve slides for a seed round, numbers checked.",
            ["Pitch decks", "Presentation design"], 5, None),
    "t24": ("SEO audit of our site", "Find why our events pages do not rank.",
            ["Search engine optimisation", "Google Analytics"], 6, None),
    "t25": ("Plan a month of social posts", "Instagram and LinkedIn calendar for a charity.",
            ["Social media marketing", "Content marketing"], 6, None),
    "t26": ("Translate a leaflet into Spanish", "Two pages about our food bank's opening hours.",
            ["Translation"], 3, None),
    "t27": ("Move our app to Kubernetes", "Helm charts and a staging cluster.",
            ["Kubernetes", "Docker"], 20, 10),
    "t28": ("Analyse an A/B test", "Did the new donate button work? Significance and effect.",
            ["Statistics", "A/B testing"], 5, None),
    "t29": ("Classify support tickets", "Sort 2,000 tickets into topics with NLP in Python.",
            ["Natural language processing", "Python"], 10, None),
    "t30": ("Plan a volunteer event", "A Saturday clean-up for forty volunteers.",
            ["Event planning", "Volunteer coordination"], 8, None),
    "t31": ("Build an ETL pipeline", "Nightly Airflow DAG from our CRM to BigQuery.",
            ["ETL pipelines", "Apache Airflow"], 30, 7),
    "t32": ("Write a Dockerfile for our app", "A small image for our Flask app.",
            ["Docker"], 3, None),
    # Levels (TASK_LEVELS): senior work on skills some drafters are only learning, and first
    # steps in those same skills.
    "t33": ("Design our Airflow platform", "Own the scheduling platform for twelve teams.",
            ["Apache Airflow"], 5, None),
    "t34": ("Fine-tune our language models", "Lead the NLP work on our support assistant.",
            ["Natural language processing"], 10, None),
    "t35": ("Build our Figma design system", "Tokens, components and documentation.",
            ["Figma", "Design systems"], 10, None),
    "t36": ("Run our social media strategy", "Own strategy and reporting across five channels.",
            ["Social media marketing"], 6, None),
    "t37": ("Series B investor deck", "The deck and the data room story for a Series B.",
            ["Pitch decks"], 5, None),
    "t38": ("Data-visualisation style guide for a newsroom", "Rules and templates for charts.",
            ["Data visualisation"], 6, None),
    "t39": ("Your first Airflow DAG", "One nightly job that copies a CSV; we pair on it.",
            ["Apache Airflow"], 4, None),
    "t40": ("Wireframe one screen in Figma", "The sign-up screen, with our kit.",
            ["Figma"], 3, None),
    "t41": ("Schedule a week of social posts", "Seven posts we have written, into Buffer.",
            ["Social media marketing"], 3, None),
    "t42": ("Turn a mock-up into React components", "Three components from a Figma file.",
            ["React"], 6, None),
    "t43": ("Review our React architecture", "State management and bundle size review.",
            ["React", "TypeScript"], 8, None),
    "t44": ("Fix the footer on small phones", "HTML and CSS of one footer.",
            ["CSS", "HTML"], 3, None),
    "t45": ("Lead our Tableau migration", "Move forty dashboards from Excel to Tableau.",
            ["Tableau", "Dashboards"], 6, None),
}  # fmt: skip

# The level each task needs (Task.Level); the others are "some_experience".
TASK_LEVELS: dict[str, str] = {
    "t10": "experienced", "t27": "experienced", "t31": "experienced", "t33": "experienced",
    "t34": "experienced", "t35": "experienced", "t36": "experienced", "t37": "experienced",
    "t38": "experienced", "t43": "experienced", "t45": "experienced",
    "t39": "beginner_friendly", "t40": "beginner_friendly", "t41": "beginner_friendly",
    "t44": "beginner_friendly",
}  # fmt: skip

# key: (weekly hours, {skill: level}, bio, portfolio items [(title, description, skills)])
DRAFTERS: dict[str, tuple[int, dict[str, str], str, list[tuple[str, str, list[str]]]]] = {
    # Profile skills only (no portfolio yet): every new drafter.
    "ana": (6, {"Python": "working", "pandas": "working", "SQL": "working",
                "Data visualisation": "learning"},
            "Economics student who cleans data in pandas and writes SQL.", []),
    "chloe": (10, {"UX research": "working", "Usability testing": "working",
                   "Figma": "learning"},
              "Psychology student; I ran interviews for my thesis.", []),
    "emma": (5, {"Copy editing": "expert", "Proofreading": "working",
                 "Content writing": "working"},
             "Editor of the student paper.", []),
    "gus": (4, {"Python": "expert", "Django": "expert", "REST API design": "working"},
            "Backend developer between jobs.", []),
    "ivan": (6, {"Search engine optimisation": "working", "Google Analytics": "working",
                 "Social media marketing": "learning"},
             "Marketing student.", []),
    "kai": (5, {"Docker": "working", "Kubernetes": "working", "Apache Airflow": "learning"},
            "Sysadmin intern.", []),
    # With portfolio evidence.
    "ben": (8, {"Illustration": "expert", "Adobe Illustrator": "working"},
            "Illustrator of children's books.",
            [("Otter picture book", "Watercolour and ink illustrations.", ["Illustration"]),
             ("Icon set for a zine", "Line icons.", ["Icon design"])]),
    "dev": (15, {"JavaScript": "expert", "React": "working", "CSS": "working",
                 "HTML": "working"},
            "Frontend developer.",
            [("Booking widget", "React widget with an accessible form.", ["React"])]),
    "femi": (8, {"Financial modelling": "working", "Excel": "working",
                 "Pitch decks": "learning"},
             "Finance student.",
             [("Bakery model", "Three-statement model in Excel.", ["Financial modelling"])]),
    "hana": (10, {"Literature review": "expert", "Academic writing": "working",
                  "Policy research": "working"},
             "Development economics master's student.",
             [("Review of cash transfers", "Systematic literature review.",
               ["Literature review"])]),
    "jo": (12, {"Machine learning": "working", "Python": "working", "Statistics": "working",
                "Natural language processing": "learning"},
           "Data science student.",
           [("Spam classifier", "scikit-learn model with evaluation.", ["Machine learning"])]),
    "lena": (3, {"Translation": "expert", "Localisation": "working"},
             "English to Spanish translator.",
             [("Museum guide", "Translated a museum guide into Spanish.", ["Translation"])]),
    # Spelling and family cases (profile skills only).
    "mia": (6, {"HTML": "working", "CSS": "working"},
            "Design student who hand-codes landing pages.", []),
    "noor": (8, {"Financial modeling": "working", "Bookkeeping": "working"},
             "Accounting student.", []),
    "omar": (6, {"Data visualization": "working", "Dashboards": "learning"},
             "Journalism student who makes charts.", []),
    "pia": (8, {"User interviews": "working", "Survey design": "working"},
            "Sociology student; I interview people about their everyday routines.", []),
}  # fmt: skip

# What each drafter should see near the top (precision@5 is measured against this).
RELEVANT_TASKS: dict[str, set[str]] = {
    "ana": {"t1", "t2", "t3", "t4", "t5", "t7", "t29"},
    "chloe": {"t13", "t14", "t15", "t40"},
    "emma": {"t18", "t19", "t20"},
    "gus": {"t1", "t2", "t7", "t29"},
    "ivan": {"t24", "t25", "t41"},
    "kai": {"t32", "t39"},
    "ben": {"t11", "t12"},
    "dev": {"t8", "t9", "t42", "t43", "t44"},
    "femi": {"t21", "t23"},
    "hana": {"t16", "t17"},
    "jo": {"t1", "t2", "t6", "t28", "t29"},
    "lena": {"t26"},
    "mia": {"t9", "t44"},
    "noor": {"t21", "t22", "t23"},
    "omar": {"t4", "t5", "t38"},
    "pia": {"t14", "t15"},
}

# Level traps: an `experienced` task and a drafter only learning its skills. Never in the
# drafter's top five, nor the drafter in the top five of the task's recommended drafters.
LEVEL_TRAPS: dict[str, set[str]] = {
    "kai": {"t31", "t33"},
    "jo": {"t34"},
    "chloe": {"t35"},
    "ivan": {"t36"},
    "femi": {"t37"},
    "ana": {"t38"},
    "omar": {"t45"},
}

# For a mentor's task, which discoverable drafters should be in the top three.
RELEVANT_DRAFTERS: dict[str, set[str]] = {
    "t1": {"ana", "gus", "jo"},
    "t2": {"ana", "gus", "jo"},
    "t4": {"ana", "omar"},
    "t7": {"gus", "ana"},
    "t8": {"dev"},
    "t11": {"ben"},
    "t14": {"chloe", "pia"},
    "t16": {"hana"},
    "t18": {"emma"},
    "t21": {"femi", "noor"},
    "t24": {"ivan"},
    "t6": {"jo"},
    "t26": {"lena"},
    "t32": {"kai"},
    "t9": {"mia", "dev"},
    "t22": {"noor"},
    "t15": {"chloe", "pia"},
    "t39": {"kai"},
}

# Offer recommendations: mentors open to offers, for a drafter who wants to offer help
# (projects/offers/selectors/recommendations.py). key: (who they are, topics they welcome
# offers on, open to offers, monthly cap, offers already counted this month). Judged like the
# tasks: would this drafter want to offer this mentor their work? "m21" (closed) and "m22"
# (this month's places taken) match drafters well but must never be shown.
OFFER_MENTORS: dict[str, tuple[str, list[str], bool, int, int]] = {
    "m1": ("Data team lead", ["Python", "pandas", "Data cleaning"], True, 3, 0),
    "m2": ("Analytics manager", ["SQL", "PostgreSQL", "Dashboards"], True, 3, 0),
    "m3": ("Data desk editor", ["Data visualisation", "Tableau"], True, 3, 0),
    "m4": ("Machine learning researcher", ["Machine learning", "Statistics",
                                          "Natural language processing"], True, 3, 0),
    "m5": ("Backend lead", ["Django", "Python", "REST API design"], True, 3, 0),
    "m6": ("Frontend lead", ["React", "JavaScript", "TypeScript"], True, 3, 0),
    "m7": ("Web designer", ["HTML", "CSS"], True, 3, 0),
    "m8": ("Illustration studio owner", ["Illustration", "Icon design"], True, 3, 0),
    "m9": ("Product designer", ["Figma", "Prototyping", "Design systems"], True, 3, 0),
    "m10": ("UX research lead", ["UX research", "Usability testing"], True, 3, 0),
    "m11": ("Research director", ["Literature review", "Academic writing",
                                  "Policy research"], True, 3, 0),
    "m12": ("Managing editor", ["Copy editing", "Proofreading"], True, 3, 0),
    "m13": ("Fundraising lead", ["Grant writing"], True, 3, 0),
    "m14": ("Finance director", ["Financial modelling", "Excel", "Pitch decks"], True, 3, 0),
    "m15": ("Bookkeeper", ["Bookkeeping", "Xero"], True, 3, 0),
    "m16": ("Head of marketing", ["Search engine optimisation", "Google Analytics",
                                  "Content marketing"], True, 3, 0),
    "m17": ("Social media lead", ["Social media marketing"], True, 3, 0),
    "m18": ("Platform engineer", ["Kubernetes", "Docker"], True, 3, 0),
    "m19": ("Data engineer", ["Apache Airflow", "ETL pipelines"], True, 3, 0),
    "m20": ("Localisation lead", ["Translation", "Localisation"], True, 3, 0),
    "m21": ("Data scientist, closed to offers", ["Python", "pandas", "Illustration"],
            False, 3, 0),
    "m22": ("Art director, full this month", ["Illustration", "Python", "HTML"], True, 1, 1),
    "m23": ("Events lead", ["Event planning", "Volunteer coordination"], True, 3, 0),
}  # fmt: skip

# For each drafter, the mentors they would want to offer to (precision@5 against this).
RELEVANT_MENTORS: dict[str, set[str]] = {
    "ana": {"m1", "m2", "m3"},
    "chloe": {"m10", "m9"},
    "emma": {"m12"},
    "gus": {"m5", "m1"},
    "ivan": {"m16", "m17"},
    "kai": {"m18", "m19"},
    "ben": {"m8"},
    "dev": {"m6", "m7"},
    "femi": {"m14"},
    "hana": {"m11"},
    "jo": {"m4", "m1"},
    "lena": {"m20"},
    "mia": {"m7"},
    "noor": {"m14", "m15"},
    "omar": {"m3", "m2"},
    "pia": {"m10"},
}

# Mentors never to be shown to anyone: closed to offers, or no place left this month.
UNAVAILABLE_MENTORS = {"m21", "m22"}
