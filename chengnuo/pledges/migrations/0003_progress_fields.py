import uuid
from django.db import migrations, models


def give_keys(apps, schema_editor):
    """Existing rows got one default key each; give them their own, and let the items of
    one pledge's versions at the same position share theirs (they are copies)."""
    PledgeItem = apps.get_model("pledges", "PledgeItem")
    Milestone = apps.get_model("pledges", "Milestone")
    keys = {}
    items = list(PledgeItem.objects.select_related("version").order_by("pk"))
    for item in items:
        item.key = keys.setdefault((item.version.pledge_id, item.position), uuid.uuid4())
    PledgeItem.objects.bulk_update(items, ["key"], batch_size=1000)
    milestones = list(Milestone.objects.order_by("pk"))
    for milestone in milestones:
        milestone.key = uuid.uuid4()
    Milestone.objects.bulk_update(milestones, ["key"], batch_size=1000)


class Migration(migrations.Migration):

    dependencies = [
        ('pledges', '0002_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='milestone',
            name='key',
            field=models.UUIDField(db_index=True, default=uuid.uuid4, editable=False),
        ),
        migrations.AddField(
            model_name='milestone',
            name='reached_on',
            field=models.DateField(blank=True, null=True, verbose_name='reached on'),
        ),
        migrations.AddField(
            model_name='pledgeitem',
            name='done_on',
            field=models.DateField(blank=True, null=True, verbose_name='done on'),
        ),
        migrations.AddField(
            model_name='pledgeitem',
            name='key',
            field=models.UUIDField(db_index=True, default=uuid.uuid4, editable=False),
        ),
        migrations.AddField(
            model_name='pledgeitem',
            name='last_reported_on',
            field=models.DateField(blank=True, null=True, verbose_name='last progress reported'),
        ),
        migrations.AddField(
            model_name='pledgeitem',
            name='percent',
            field=models.PositiveSmallIntegerField(default=0, verbose_name='percent done'),
        ),
        migrations.RunPython(give_keys, migrations.RunPython.noop),
    ]
