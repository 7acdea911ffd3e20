import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('evidence', '0001_initial'),
        ('pledges', '0003_progress_fields'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='ProgressReport',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('reported_on', models.DateField(verbose_name='date')),
                ('percent', models.PositiveSmallIntegerField(verbose_name='percent done')),
                ('narrative', models.TextField(max_length=2000, verbose_name='what was done')),
                ('on_behalf', models.BooleanField(default=False, verbose_name="reported on the owner's behalf")),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('evidence', models.ManyToManyField(blank=True, related_name='progress_reports', to='evidence.evidence', verbose_name='evidence')),
                ('item', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='progress_reports', to='pledges.pledgeitem', verbose_name='item')),
                ('milestone', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='reports', to='pledges.milestone', verbose_name='milestone reached')),
                ('pledge', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='progress_reports', to='pledges.pledge')),
                ('reported_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'progress report',
                'verbose_name_plural': 'progress reports',
                'ordering': ['item', 'reported_on', 'pk'],
                'indexes': [models.Index(fields=['pledge', 'reported_on'], name='progress_pr_pledge__af1b54_idx')],
                'constraints': [models.CheckConstraint(condition=models.Q(('percent__lte', 100)), name='progress_percent_at_most_100')],
            },
        ),
    ]
