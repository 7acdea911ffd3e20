import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('cycles', '0001_initial'),
        ('members', '0003_phone_message'),
        ('organizations', '0001_initial'),
        ('pledges', '0003_progress_fields'),
        ('supervision', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='MemberComment',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('rating', models.CharField(choices=[('good', 'Good'), ('fairly_good', 'Fairly good'), ('average', 'Average'), ('poor', 'Poor')], max_length=12, verbose_name='rating')),
                ('words', models.TextField(max_length=1000, verbose_name='comment')),
            ],
            options={
                'verbose_name': 'comment on a member',
                'verbose_name_plural': 'comments on members',
                'ordering': ['review', 'member__name', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='QuarterlyReview',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('quarter', models.PositiveSmallIntegerField(verbose_name='quarter')),
                ('number', models.PositiveSmallIntegerField(default=1, verbose_name='version')),
                ('summary', models.TextField(max_length=5000, verbose_name='summary of the quarter')),
                ('facts', models.JSONField(default=dict, verbose_name='facts at filing')),
                ('filed_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='filed at')),
                ('correction_reason', models.CharField(blank=True, max_length=500, verbose_name='reason for the correction')),
            ],
            options={
                'verbose_name': 'quarterly review',
                'verbose_name_plural': 'quarterly reviews',
                'ordering': ['organization', 'cycle', 'quarter', 'number'],
            },
        ),
        migrations.AddIndex(
            model_name='overduerecord',
            index=models.Index(fields=['kind', 'resolved_on'], name='supervision_kind_408361_idx'),
        ),
        migrations.AddField(
            model_name='membercomment',
            name='member',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='quarterly_comments', to='members.member', verbose_name='member'),
        ),
        migrations.AddField(
            model_name='quarterlyreview',
            name='cycle',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='quarterly_reviews', to='cycles.cycle', verbose_name='cycle'),
        ),
        migrations.AddField(
            model_name='quarterlyreview',
            name='filed_by',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='quarterlyreview',
            name='organization',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='quarterly_reviews', to='organizations.organization', verbose_name='organization'),
        ),
        migrations.AddField(
            model_name='quarterlyreview',
            name='supersedes',
            field=models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='superseded_by', to='supervision.quarterlyreview', verbose_name='corrects version'),
        ),
        migrations.AddField(
            model_name='membercomment',
            name='review',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='comments', to='supervision.quarterlyreview'),
        ),
        migrations.AddConstraint(
            model_name='quarterlyreview',
            constraint=models.UniqueConstraint(fields=('organization', 'cycle', 'quarter', 'number'), name='quarterly_review_one_per_version'),
        ),
        migrations.AddConstraint(
            model_name='quarterlyreview',
            constraint=models.CheckConstraint(condition=models.Q(('quarter__gte', 1), ('quarter__lte', 4)), name='quarterly_review_quarter_1_to_4'),
        ),
        migrations.AddConstraint(
            model_name='quarterlyreview',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('number', 1), ('supersedes__isnull', True), ('correction_reason', '')), models.Q(('number__gt', 1), ('supersedes__isnull', False), models.Q(('correction_reason', ''), _negated=True)), _connector='OR'), name='quarterly_review_correction_has_reason'),
        ),
        migrations.AddConstraint(
            model_name='membercomment',
            constraint=models.UniqueConstraint(fields=('review', 'member'), name='member_comment_one_per_review'),
        ),
    ]
