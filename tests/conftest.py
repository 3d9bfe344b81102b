from __future__ import annotations

import pytest

from fbdesk.desk import open_desk
from support import Clock


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def db_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'desk.db'}"


@pytest.fixture
def desk(db_url, clock):
    desk = open_desk(db_url, agent="alex", clock=clock)
    yield desk
    desk.close()
