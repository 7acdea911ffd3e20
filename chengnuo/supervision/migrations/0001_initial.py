import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('cycles', '0001_initial'),
        ('members', '0003_phone_message'),
        ('organizations', '0001_initial'),
        ('pledges', '0003_progress_fields'),
    ]

    operations = [
        migrations.CreateModel(
            name='OverdueRecord',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('item', 'Commitment item past its due date'), ('milestone', 'Milestone past its date'), ('quarterly_review', 'Quarterly review not filed'), ('rectification', 'Rectification past its deadline')], max_length=16, verbose_name='kind')),
                ('subject_key', models.CharField(max_length=120, unique=True)),
                ('quarter', models.PositiveSmallIntegerField(blank=True, null=True)),
                ('description', models.CharField(max_length=300, verbose_name='what is late')),
                ('due_on', models.DateField(verbose_name='was due')),
                ('detected_on', models.DateField(verbose_name='found late on')),
                ('resolved_on', models.DateField(blank=True, null=True, verbose_name='resolved on')),
                ('cycle', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='overdue_records', to='cycles.cycle')),
                ('item', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='overdue_records', to='pledges.pledgeitem')),
                ('member', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='overdue_records', to='members.member', verbose_name='member')),
                ('milestone', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='overdue_records', to='pledges.milestone')),
                ('organization', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='overdue_records', to='organizations.organization', verbose_name='organization')),
            ],
            options={
                'verbose_name': 'overdue record',
                'verbose_name_plural': 'overdue records',
                'ordering': ['-detected_on', 'pk'],
                'indexes': [models.Index(fields=['organization', 'resolved_on'], name='supervision_organiz_d3f48d_idx')],
            },
        ),
    ]
