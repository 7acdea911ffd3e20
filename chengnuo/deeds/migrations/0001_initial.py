import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('cycles', '0001_initial'),
        ('evidence', '0001_initial'),
        ('members', '0003_phone_message'),
        ('organizations', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Deed',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('occurred_on', models.DateField(verbose_name='date')),
                ('description', models.TextField(max_length=2000, verbose_name='what happened')),
                ('source', models.CharField(choices=[('member', 'A member'), ('organization', 'The organization'), ('public', 'The public')], max_length=12, verbose_name='reported by')),
                ('reporter_name', models.CharField(blank=True, max_length=40, verbose_name='your name')),
                ('reporter_contact', models.CharField(blank=True, max_length=60, verbose_name='contact')),
                ('state', models.CharField(choices=[('reported', 'Waiting for verification'), ('verified', 'Verified'), ('dismissed', 'Dismissed')], default='reported', max_length=10, verbose_name='state')),
                ('decided_at', models.DateTimeField(blank=True, null=True)),
                ('decision_note', models.CharField(blank=True, max_length=300, verbose_name='note')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('cycle', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='deeds', to='cycles.cycle')),
                ('decided_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('evidence', models.ManyToManyField(blank=True, related_name='deeds', to='evidence.evidence', verbose_name='evidence')),
                ('member', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='deeds', to='members.member', verbose_name='member')),
                ('organization', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='deeds', to='organizations.organization')),
                ('reporter', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'shining deed',
                'verbose_name_plural': 'shining deeds',
                'ordering': ['-occurred_on', '-pk'],
                'indexes': [models.Index(fields=['organization', 'state'], name='deeds_deed_organiz_bb20e0_idx'), models.Index(fields=['member', 'state'], name='deeds_deed_member__fe3ae4_idx')],
            },
        ),
    ]
