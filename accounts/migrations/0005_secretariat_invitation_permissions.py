from django.db import migrations

from hamarregion.group_permissions import group_permissions

# The secretariat sees the invitations and revokes or sends them again (admin actions, through
# accounts/services/invitations.py); it never adds or deletes one by hand.
SECRETARIAT = {"invitation": ["view", "change"]}


class Migration(migrations.Migration):
    dependencies = [("accounts", "0004_invitations")]

    operations = [group_permissions("accounts", "Sekretariat", SECRETARIAT)]
