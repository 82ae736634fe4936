"""The secretariat reads the payment requests, their cost statements and files in admin, and
their history; it handles them through the services, never by editing the rows."""

from django.db import migrations

from hamarregion.group_permissions import group_permissions

SECRETARIAT = {
    "paymentrequest": ["view"],
    "historicalpaymentrequest": ["view"],
    "coststatementline": ["view"],
    "paymentrequestattachment": ["view"],
}


class Migration(migrations.Migration):
    dependencies = [
        ("grants", "0001_payment_requests"),
        ("projects", "0002_groups_and_members"),
    ]

    operations = [group_permissions("grants", "Sekretariat", SECRETARIAT)]
