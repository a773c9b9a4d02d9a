"""The mixed marketplace load for `make loadtest` (bench/loadtest.py runs it headless).

browse 60 %, search 15 %, task detail 15 %, apply 5 %, messages 5 % — each simulated person a
signed-in drafter (session made by bench/loadseed.py). Every successful write and every failure
is recorded with its time into LOAD_RESULTS, so the run can prove afterwards that nothing was lost.

LOAD_MIX ("apply=1,message=1") and LOAD_WAIT ("0.05,0.1" seconds) change the mix and the pause
between a person's requests: the smoke test (tests/bench/) makes every kind of request in seconds.
"""

import itertools
import json
import os
import random
import threading
import time
from pathlib import Path

from locust import HttpUser, between, events, task

SEED = json.loads(Path(os.environ["LOAD_SEED"]).read_text())
PHASE = os.environ.get("LOAD_PHASE", "steady")
CSRF = "loadtestcsrftokenloadtestcsrftok"  # any 32 characters: cookie and header must match
MIX = {"browse": 60, "search": 15, "detail": 15, "apply": 5, "message": 5}
for part in filter(None, os.environ.get("LOAD_MIX", "").split(",")):
    name, weight = part.split("=")
    MIX[name] = int(weight)
WAIT = [float(seconds) for seconds in os.environ.get("LOAD_WAIT", "0.5,1.5").split(",")]
_next_person = itertools.count()
_lock = threading.Lock()
RESULTS = {"applications": [], "messages": [], "failures": [], "started": time.time()}


@events.request.add_listener
def _record_failure(request_type, name, response, exception, **kwargs):
    if exception is not None:
        status = getattr(response, "status_code", 0) or 0
        with _lock:
            RESULTS["failures"].append(
                {"at": time.time(), "name": name, "status": status, "error": str(exception)[:200]}
            )


@events.test_stop.add_listener
def _write_results(**kwargs):
    Path(os.environ["LOAD_RESULTS"]).write_text(json.dumps(RESULTS))


class Drafter(HttpUser):
    wait_time = between(*WAIT)

    def on_start(self) -> None:
        person = SEED["people"][next(_next_person) % len(SEED["people"])]
        self.person = person
        self.apply_to = list(person["apply_to"][PHASE])
        self.client.cookies.set("sessionid", person["session"])
        self.client.cookies.set("csrftoken", CSRF)
        self.client.headers.update({"X-CSRFToken": CSRF, "Referer": self.host + "/"})

    @task(MIX["browse"])
    def browse(self) -> None:
        ordering = random.choice(["", "?ordering=deadline", "?paid=true", "?remote=true"])
        self.client.get(f"/api/v1/tasks/{ordering}", name="browse")

    @task(MIX["search"])
    def search(self) -> None:
        self.client.get(f"/api/v1/tasks/?q={random.choice(SEED['words'])}", name="search")

    @task(MIX["detail"])
    def detail(self) -> None:
        self.client.get(f"/api/v1/tasks/{random.choice(SEED['task_ids'])}/", name="task detail")

    @task(MIX["apply"])
    def apply(self) -> None:
        if not self.apply_to:
            return
        task_id = self.apply_to.pop()
        with self.client.post(
            f"/api/v1/tasks/{task_id}/applications/",
            json={"note": "I can start this week.", "work_sample_link": "https://example.org/s"},
            name="apply",
            catch_response=True,
        ) as response:
            if response.status_code == 201:
                with _lock:
                    RESULTS["applications"].append(
                        {
                            "id": response.json()["id"],
                            "task": task_id,
                            "email": self.person["email"],
                        }
                    )

    @task(MIX["message"])
    def message(self) -> None:
        with self.client.post(
            f"/api/v1/applications/{self.person['application']}/messages/",
            json={"body": f"Checking in ({random.randint(1, 10**9)})."},
            name="message",
            catch_response=True,
        ) as response:
            if response.status_code == 201:
                with _lock:
                    RESULTS["messages"].append(response.json()["id"])
            elif response.status_code == 429:
                # The per-person message rate limit (MESSAGE_RATE_PER_MINUTE) answering as
                # designed: the sender is told to wait, nothing accepted is lost.
                response.success()
