from django.db import migrations

# Django's user table is not ours to give a Meta constraint, so the index is made here: an e-mail
# address names one person, whatever its case. Empty addresses (old accounts) are left out.
INDEX = "accounts_user_email_unique_ci"


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE UNIQUE INDEX {INDEX} ON auth_user (LOWER(email)) WHERE email <> ''",
            f"DROP INDEX {INDEX}",
        ),
    ]
