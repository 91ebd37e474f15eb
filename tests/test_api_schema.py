"""Schemathesis against /openapi.json: generated requests never get a 500, and every response
matches the schema the API publishes (status codes, content types, bodies)."""

from __future__ import annotations

from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indexer.pipeline import Indexer
from web.app import create_app
from web.settings import Settings

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory):
    data = tmp_path_factory.mktemp("schema")
    Indexer(data).run([ROOT / "corpus"])
    app = create_app(Settings(data_dir=data, rate_limit_per_minute=0))
    return schemathesis.openapi.from_asgi("/openapi.json", app)


def _operations(schema) -> list:
    return [result.ok() for result in schema.get_all_operations()]


def test_every_api_operation_is_covered(api_schema):
    paths = {op.path for op in _operations(api_schema)}
    assert {
        "/api/v1/search",
        "/api/v1/documents/{document_id}",
        "/api/v1/similar",
        "/api/v1/references",
        "/api/v1/export.csv",
        "/api/v1/export.jsonl",
    } <= paths


@settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_api_conforms_to_its_schema(api_schema, data):
    operation = data.draw(st.sampled_from(_operations(api_schema)))
    case = data.draw(operation.as_strategy())
    case.call_and_validate()
