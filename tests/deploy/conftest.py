import pytest

from tests.deploy.servers import collectstatic


@pytest.fixture(scope="session")
def collected_static(tmp_path_factory):
    """The static files as a release collects them: hashed names, gzip copies, a manifest."""
    static_root = tmp_path_factory.mktemp("collected-static")
    collectstatic(static_root)
    return static_root
