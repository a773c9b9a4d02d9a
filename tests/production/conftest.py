from collections.abc import Iterator

import pytest

from devtools.prodlike import Topology
from tests.production.topology import topology_start


@pytest.fixture(scope="session")
def topology() -> Iterator[Topology]:
    """The production topology shared by the tests of this folder (tests/production/topology.py)."""
    topo = topology_start()
    try:
        yield topo
    finally:
        topo.close()
