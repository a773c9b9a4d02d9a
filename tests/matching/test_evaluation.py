"""The hand-judged evaluation set still runs and still meets the bar (make matching-eval)."""

import pytest

from bench.matching_eval import BAR, evaluate

pytestmark = pytest.mark.django_db


def test_recommendations_meet_the_bar_on_the_evaluation_set():
    result = evaluate()

    assert len(result["drafters"]) >= 10
    assert result["precision_at_5"] >= BAR
    assert result["precision_at_3"] >= BAR
