"""Schemathesis over the service's OpenAPI schema: generated requests to every operation get no
server error and answers that match the schema. A short run here; a long one, against a live
server, is in SECURITY.md (`schemathesis run …`)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from newsgraph.api.app import create_app
from newsgraph.api.settings import Settings
from newsgraph.extract.extraction import Extraction
from newsgraph.graph.ingest import ingest_extraction
from newsgraph.graph.store import OxigraphStore
from newsgraph.graph.vocab import IRIs


@pytest.fixture(scope="module")
def api_schema(
    tmp_path_factory: pytest.TempPathFactory, seed_extraction: Extraction
) -> Iterator[schemathesis.BaseSchema]:
    path: Path = tmp_path_factory.mktemp("fuzz") / "store"
    store = OxigraphStore(path)
    ingest_extraction(store, seed_extraction, IRIs())
    # No token: writes are refused (403), so generated articles never reach the extractor.
    app = create_app(Settings(store=path), store)
    yield schemathesis.openapi.from_asgi("/openapi.json", app)
    store.close()


def test_generated_requests_get_no_server_error(api_schema: schemathesis.BaseSchema) -> None:
    # Schemathesis's pytest loader does not run under this pytest; its own strategies do.
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 15
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=25,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
        def check(case: schemathesis.Case) -> None:
            case.call_and_validate(checks=[not_a_server_error, response_schema_conformance])

        check()
