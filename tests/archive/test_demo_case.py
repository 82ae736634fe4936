"""The demo data's followed-up grant in the archive: the folder export_archive writes of it."""

from io import StringIO

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_the_archive_export_writes_the_demo_grants_folder(followed_demo_grant, tmp_path, schema):
    demo = followed_demo_grant
    call_command(
        "export_archive", "--out", str(tmp_path), "--application", str(demo.pk), stdout=StringIO()
    )

    folder = tmp_path / f"soknad-{demo.pk}"
    messages = sorted(folder.glob("*/arkivmelding.xml"))
    # Received (I), the decision letter sent (U), the change decided (U), the final report
    # received (I), each valid against the Fiks Arkiv schema.
    assert len(messages) == 4
    for message in messages:
        schema.validate(str(message))
