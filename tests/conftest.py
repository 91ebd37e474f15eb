import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from golden_check import DEV

SEED = Path(__file__).resolve().parent.parent / "corpus" / "azmani-inburgering-2013.txt"


@pytest.fixture(scope="session")
def dev() -> Path:
    assert DEV.is_dir(), f"the dev corpus must lie beside the checkout: {DEV}"
    return DEV


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED
