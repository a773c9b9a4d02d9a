"""Property-based fuzzing of every documented API operation (schemathesis, in-process).

Whatever the input, the API answers with a documented status and never a 500. `make test`
replays a fixed set (a few derandomized examples per operation, as a drafter, and each
operation's coverage cases in the PostgreSQL pass: `_coverage_runs_here`); `make fuzz`
explores new ones: FUZZ_EXAMPLES per operation, as anonymous, drafter and mentor
(FUZZ_ROLES), with every check on (FUZZ_ALL_CHECKS=1), on SQLite and PostgreSQL.
Schemathesis' examples, coverage and fuzzing phases run per operation; the stateful phase
(FUZZ_STATEFUL_EXAMPLES scenarios per role) follows the links schemathesis infers between
operations, e.g. a task's applications -> accept -> the engagement -> deliver.
"""

import functools
import os
import re
import zlib

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection, transaction
from hypothesis import HealthCheck, settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle
from schemathesis.openapi.checks import RejectedPositiveData
from schemathesis.transport.serialization import Binary

from marketplace.wsgi import application
from tests.factories import DEFAULT_PASSWORD
from tests.marketplace.fuzz_support import (
    _FILES,
    case_count,
    excluded_checks,
    form_on_the_wire_is_no_failure,
    real_files,
    role_world,
    sequences_now,
    sequences_restore,
)

FUZZ_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "8"))
# Scenarios (each a chain of up to FUZZ_STATEFUL_STEPS linked calls) per role.
FUZZ_STATEFUL_EXAMPLES = int(os.environ.get("FUZZ_STATEFUL_EXAMPLES", "3"))
FUZZ_STATEFUL_STEPS = int(os.environ.get("FUZZ_STATEFUL_STEPS", "10"))
# make test replays the same examples every run (no flaky CI); make fuzz explores new ones.
FUZZ_RANDOM = os.environ.get("FUZZ_RANDOM") == "1"
FUZZ_ROLES = os.environ.get("FUZZ_ROLES", "drafter").split(",")
# A targeted run: only the operations whose label ("GET /api/v1/me/offers/") this regular
# expression finds, e.g. FUZZ_OPERATIONS='notifications/read|staff-invitations/\{'. Empty: all.
FUZZ_OPERATIONS = os.environ.get("FUZZ_OPERATIONS", "")

# The replay is split in shards (operations by a hash of their label), so the workers of
# `make check` share it; together the shards are every operation, each exactly once.
FUZZ_SHARDS = 4
_shard = {"current": 0}


@functools.cache
def _loaded_schema() -> schemathesis.schemas.BaseSchema:
    """The schema, its failure filter and its authentication, built once per test process.

    Loaded when a fuzz test first runs, not at collection: schemathesis builds each operation's
    examples and coverage cases when it makes its tests, ~20 s of CPU that every xdist worker
    paid at import, whether or not it ran a fuzz test.
    """
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)
    # NUL characters are generated too: DRF refuses them in every text field, and the schema
    # says so (a pattern on every request text, marketplace/api/schema.py).
    schema.config.generation.update(allow_x00=True)
    schema.hook(filter_failure)
    schema.auth(refresh_interval=None)(SessionTokenAuth)
    return schema


@pytest.fixture(params=range(FUZZ_SHARDS), ids=lambda n: f"shard{n}")
def fuzz_schema(request, session_token) -> schemathesis.schemas.BaseSchema:
    """The schema, for one shard of its operations. Fetched once signed in: the request signals
    that would close the test's database connection are then disconnected (session_token)."""
    _shard["current"] = request.param
    if FUZZ_OPERATIONS and request.param not in _targeted_shards():
        pytest.skip("no operation of this shard matches FUZZ_OPERATIONS")
    # Schemathesis' lazy tests name each operation's subtest through `node._nodeid`, which
    # pytest 9 no longer has (its id is `nodeid`): give it the attribute it reads and writes.
    request.node._nodeid = request.node.nodeid
    schema = _loaded_schema()
    schema.config.phases.coverage.enabled = _coverage_runs_here()
    return schema


def _coverage_runs_here() -> bool:
    """Whether the coverage phase runs in this pass.

    `make fuzz` runs it for every operation on both databases. The replay of `make test` runs
    the examples and fuzzing phases of every operation on both, and each operation's coverage
    phase (every boundary and invalid value the schema defines, deterministic, about three in
    four of the replay's cases) once, in the PostgreSQL pass, where a value the database itself
    refuses would show. The SQLite pass, and so `make check`, leave it out: that is what keeps
    the fast check fast, and the PostgreSQL pass runs beside the SQLite one in `make test`.
    """
    if FUZZ_RANDOM or FUZZ_OPERATIONS:
        return True
    return connection.vendor == "postgresql"


def _shard_of(label: str) -> int:
    return zlib.crc32(label.encode()) % FUZZ_SHARDS


@functools.cache
def _targeted_shards() -> set[int]:
    """The shards holding an operation FUZZ_OPERATIONS names (an empty shard would fail)."""
    labels = (result.ok().label for result in _loaded_schema().get_all_operations())
    return {_shard_of(label) for label in labels if re.search(FUZZ_OPERATIONS, label)}


def _in_current_shard(ctx) -> bool:
    label = ctx.operation.label
    if FUZZ_OPERATIONS and not re.search(FUZZ_OPERATIONS, label):
        return False
    return _shard_of(label) == _shard["current"]


schema = schemathesis.pytest.from_fixture("fuzz_schema").include(_in_current_shard)


def filter_failure(context, failure, case, response) -> bool:
    """Applies to every phase, the stateful one included (schemathesis runs it on each check)."""
    return not form_on_the_wire_is_no_failure(failure, case)


# The session token of the role being fuzzed ("" when anonymous), set by the fixture below.
_signed_in = {"token": ""}


class SessionTokenAuth:
    """The signed-in role's credentials, given to schemathesis as *the* authentication.

    Schemathesis then sends only this token (no generated `sessionid` cookie beside it), and its
    auth check really probes the API: the same request without credentials, and with a mangled
    token, must answer 401. Anonymous runs give no credentials, so generated ones stay, and
    must be refused like any other.
    """

    def get(self, case, context):
        return _signed_in["token"] or None

    def set(self, case, data, context):
        case.headers = {**(case.headers or {}), "X-Session-Token": data}


@pytest.fixture(params=FUZZ_ROLES)
def session_token(request, db, client, monkeypatch, stripe_standin_settings):
    """Sign in through the headless app API, then serve the generated requests in-process.

    As the Django test client does, the test's database connection stays open across requests
    (the request signals would close it mid-test). This is set up after signing in, because
    the test client puts the signal back when its own request ends. Throttling is lifted so
    every example is served; payment calls go to the local Stripe stand-in.
    """
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "100000/minute"})
    monkeypatch.setattr(UserRateThrottle, "THROTTLE_RATES", {"user": "100000/minute"})
    user = role_world(request.param)
    token = ""
    if user is not None:
        response = client.post(
            "/_allauth/app/v1/auth/login",
            {"email": user.email, "password": DEFAULT_PASSWORD},
            content_type="application/json",
        )
        assert response.status_code == 200, response.content
        token = response.json()["meta"]["session_token"]
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    _signed_in["token"] = token
    yield token
    _signed_in["token"] = ""
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
# Marks are copied to the lazy test, so pytest parametrizes it by role as well as by shard.
@pytest.mark.usefixtures("session_token")
@settings(
    max_examples=FUZZ_EXAMPLES,
    deadline=None,
    derandomize=not FUZZ_RANDOM,
    suppress_health_check=list(HealthCheck),
)
def test_api_answers_every_generated_request_without_a_server_error(case, session_token):
    case_count(case)
    real_files(case)
    case.call_and_validate(excluded_checks=excluded_checks())


class _WorkflowSteps:
    """Chains of calls along the links between operations, every check on each response.

    Each scenario starts from the same seeded world, so a replayed scenario meets the state it
    met first and gets the same answers, as Hypothesis requires (else it stops with
    FlakyStrategyDefinition: a link followed the first time finds its bundle empty on replay):
    the rows (a savepoint rolled back at its end), the ids new rows get (PostgreSQL sequences,
    which no rollback resets) and the cache (cached reads must not outlive their rows).
    """

    _sequences: dict | None = None

    def setup(self):
        if type(self)._sequences is None:
            type(self)._sequences = sequences_now()
        sequences_restore(type(self)._sequences)
        cache.clear()
        self._scenario = transaction.atomic()
        self._scenario.__enter__()

    def teardown(self):
        transaction.set_rollback(True)
        self._scenario.__exit__(None, None, None)

    def before_call(self, case):
        case_count(case)
        real_files(case)

    def validate_response(self, response, case, additional_checks=None, **kwargs):
        case.validate_response(
            response,
            additional_checks=additional_checks,
            excluded_checks=excluded_checks(),
            transport_kwargs=kwargs,
        )


@functools.cache
def _workflow() -> type:
    """The state machine of the whole schema (every operation, no shard), made on first use."""
    return type("_Workflow", (_WorkflowSteps, _loaded_schema().as_state_machine()), {})


def test_api_holds_up_along_linked_workflows(session_token):
    workflow = _workflow()
    workflow._sequences = None  # each role has its own seeded world
    workflow.run(
        settings=settings(
            max_examples=FUZZ_STATEFUL_EXAMPLES,
            stateful_step_count=FUZZ_STATEFUL_STEPS,
            deadline=None,
            derandomize=not FUZZ_RANDOM,
            suppress_health_check=list(HealthCheck),
        )
    )


def test_a_positive_form_that_reaches_the_server_invalid_may_be_refused(db):
    # A full `make fuzz` reported a 400 for a "positive" portfolio form whose title arrived
    # empty: judged as the server received it, the form is invalid and its refusal right.
    operation = _loaded_schema()["/api/v1/me/portfolio/"]["POST"]
    png = Binary(_FILES[0])
    refused = RejectedPositiveData(
        operation=operation.label, message="", status_code=400, allowed_statuses=["2xx"]
    )
    empty_title = operation.Case(body={"title": "", "file": png}, media_type="multipart/form-data")
    titled = operation.Case(body={"title": "Poster", "file": png}, media_type="multipart/form-data")

    assert form_on_the_wire_is_no_failure(refused, empty_title)
    assert not form_on_the_wire_is_no_failure(refused, titled)
