import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('evidence', '0002_image_size'),
        ('ledger', '0001_initial'),
        ('members', '0003_phone_message'),
        ('organizations', '0001_initial'),
        ('supervision', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Notice',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('commendation', 'Commendation'), ('criticism', 'Criticism')], max_length=12, verbose_name='kind')),
                ('title', models.CharField(max_length=120, verbose_name='title')),
                ('body', models.TextField(max_length=5000, verbose_name='text')),
                ('finding', models.TextField(blank=True, max_length=2000, verbose_name='finding')),
                ('issued_at', models.DateTimeField(verbose_name='issued at')),
                ('state', models.CharField(choices=[('published', 'Published'), ('withdrawn', 'Withdrawn')], default='published', max_length=10, verbose_name='state')),
                ('withdrawn_at', models.DateTimeField(blank=True, null=True, verbose_name='withdrawn at')),
                ('withdrawal_reason', models.TextField(blank=True, max_length=1000, verbose_name='reason for withdrawal')),
                ('issued_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('issuer', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='notices_issued', to='organizations.organization', verbose_name='issuing organization')),
                ('ledger_entry', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='ledger.ledgerentry')),
                ('members', models.ManyToManyField(blank=True, related_name='notices', to='members.member', verbose_name='members concerned')),
                ('organizations', models.ManyToManyField(blank=True, related_name='notices_received', to='organizations.organization', verbose_name='organizations concerned')),
                ('records', models.ManyToManyField(blank=True, related_name='notices', to='supervision.overduerecord', verbose_name='overdue records cited')),
                ('withdrawal_entry', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='ledger.ledgerentry')),
                ('withdrawn_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'notice',
                'verbose_name_plural': 'notices',
                'ordering': ['-issued_at', '-pk'],
            },
        ),
        migrations.CreateModel(
            name='Rectification',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('requirement', models.TextField(max_length=2000, verbose_name='what must be fixed')),
                ('deadline', models.DateField(verbose_name='deadline')),
                ('state', models.CharField(choices=[('open', 'Awaiting rectification'), ('answered', 'Reported'), ('accepted', 'Accepted'), ('overdue', 'Overdue'), ('withdrawn', 'Closed: notice withdrawn')], default='open', max_length=10, verbose_name='state')),
                ('overdue_since', models.DateField(blank=True, null=True, verbose_name='overdue since')),
                ('escalated_at', models.DateTimeField(blank=True, null=True, verbose_name='escalated at')),
                ('result', models.TextField(blank=True, max_length=2000, verbose_name='result')),
                ('closed_at', models.DateTimeField(blank=True, null=True, verbose_name='closed at')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('escalated_to', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organizations.organization', verbose_name='escalated to')),
                ('home', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organizations.organization')),
                ('ledger_entry', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='ledger.ledgerentry')),
                ('member', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='rectifications', to='members.member', verbose_name='member')),
                ('notice', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='rectifications', to='notices.notice', verbose_name='notice')),
                ('organization', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='rectifications', to='organizations.organization', verbose_name='organization')),
            ],
            options={
                'verbose_name': 'rectification order',
                'verbose_name_plural': 'rectification orders',
                'ordering': ['deadline', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='RectificationAnswer',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('number', models.PositiveSmallIntegerField()),
                ('text', models.TextField(max_length=4000, verbose_name='what was done')),
                ('answered_at', models.DateTimeField(verbose_name='answered at')),
                ('late', models.BooleanField(default=False, verbose_name='answered after the deadline')),
                ('decision', models.CharField(blank=True, choices=[('accepted', 'Accepted'), ('returned', 'Returned')], max_length=10, verbose_name='decision')),
                ('decided_at', models.DateTimeField(blank=True, null=True, verbose_name='decided at')),
                ('decision_note', models.TextField(blank=True, max_length=2000, verbose_name='note')),
                ('answered_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('decided_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('evidence', models.ManyToManyField(blank=True, related_name='rectification_answers', to='evidence.evidence', verbose_name='evidence')),
                ('rectification', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='answers', to='notices.rectification')),
            ],
            options={
                'verbose_name': 'rectification answer',
                'verbose_name_plural': 'rectification answers',
                'ordering': ['rectification', 'number'],
            },
        ),
        migrations.AddIndex(
            model_name='notice',
            index=models.Index(fields=['issuer', '-issued_at'], name='notices_not_issuer__6e85d1_idx'),
        ),
        migrations.AddConstraint(
            model_name='notice',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('state', 'published'), ('withdrawn_at__isnull', True)), models.Q(('state', 'withdrawn'), ('withdrawn_at__isnull', False), models.Q(('withdrawal_reason', ''), _negated=True)), _connector='OR'), name='notice_withdrawn_with_a_reason'),
        ),
        migrations.AddIndex(
            model_name='rectification',
            index=models.Index(fields=['home', 'state'], name='notices_rec_home_id_749318_idx'),
        ),
        migrations.AddIndex(
            model_name='rectification',
            index=models.Index(fields=['state', 'deadline'], name='notices_rec_state_905a27_idx'),
        ),
        migrations.AddConstraint(
            model_name='rectification',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('organization__isnull', False), ('member__isnull', True)), models.Q(('organization__isnull', True), ('member__isnull', False)), _connector='OR'), name='rectification_exactly_one_target'),
        ),
        migrations.AddConstraint(
            model_name='rectification',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('closed_at__isnull', False), ('state__in', ['accepted', 'withdrawn'])), models.Q(models.Q(('state__in', ['accepted', 'withdrawn']), _negated=True), ('closed_at__isnull', True)), _connector='OR'), name='rectification_closed_exactly_when_ended'),
        ),
        migrations.AddConstraint(
            model_name='rectification',
            constraint=models.UniqueConstraint(condition=models.Q(('organization__isnull', False)), fields=('notice', 'organization'), name='rectification_one_per_organization'),
        ),
        migrations.AddConstraint(
            model_name='rectification',
            constraint=models.UniqueConstraint(condition=models.Q(('member__isnull', False)), fields=('notice', 'member'), name='rectification_one_per_member'),
        ),
        migrations.AddConstraint(
            model_name='rectificationanswer',
            constraint=models.UniqueConstraint(fields=('rectification', 'number'), name='rectification_answer_number_unique'),
        ),
    ]
