import fcntl

import pytest

from tests.deploy.servers import collectstatic


@pytest.fixture(scope="session")
def collected_static(tmp_path_factory, worker_id):
    """The static files as a release collects them: hashed names, gzip copies, a manifest.

    Collected once per run: pytest-xdist's workers share the run's base folder and take turns
    under a lock, the first one collects."""
    if worker_id == "master":
        static_root = tmp_path_factory.mktemp("collected-static")
        collectstatic(static_root)
        return static_root
    static_root = tmp_path_factory.getbasetemp().parent / "collected-static"
    with open(static_root.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        # The manifest is written last: without it a worker collects (again).
        if not (static_root / "staticfiles.json").exists():
            static_root.mkdir(exist_ok=True)
            collectstatic(static_root)
    return static_root
