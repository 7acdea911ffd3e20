import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('cycles', '0001_initial'),
        ('deeds', '0001_initial'),
        ('ledger', '0001_initial'),
        ('members', '0003_phone_message'),
        ('organizations', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='DeedStar',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('quarter', models.PositiveSmallIntegerField(verbose_name='quarter')),
                ('citation', models.TextField(max_length=500, verbose_name='citation')),
                ('named_at', models.DateTimeField()),
                ('cycle', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='deed_stars', to='cycles.cycle', verbose_name='cycle')),
                ('deed', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='stars', to='deeds.deed', verbose_name='shining deed')),
                ('ledger_entry', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='ledger.ledgerentry')),
                ('member', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='deed_stars', to='members.member', verbose_name='member')),
                ('named_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('organization', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='deed_stars', to='organizations.organization', verbose_name='organization')),
            ],
            options={
                'verbose_name': 'star of shining deeds',
                'verbose_name_plural': 'stars of shining deeds',
                'ordering': ['quarter', 'member__name', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='StarList',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('year', models.PositiveSmallIntegerField(verbose_name='year')),
                ('quarter', models.PositiveSmallIntegerField(verbose_name='quarter')),
                ('title', models.CharField(max_length=100, verbose_name='title')),
                ('published_at', models.DateTimeField()),
                ('ledger_entry', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='ledger.ledgerentry')),
                ('organization', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='star_lists', to='organizations.organization', verbose_name='organization')),
                ('published_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'regional list of stars',
                'verbose_name_plural': 'regional lists of stars',
                'ordering': ['-year', '-quarter', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='StarListEntry',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('position', models.PositiveSmallIntegerField()),
                ('star', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='entries', to='deeds.deedstar')),
                ('star_list', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='entries', to='deeds.starlist')),
            ],
            options={
                'ordering': ['star_list', 'position'],
            },
        ),
        migrations.AddField(
            model_name='starlist',
            name='stars',
            field=models.ManyToManyField(related_name='lists', through='deeds.StarListEntry', to='deeds.deedstar'),
        ),
        migrations.AddIndex(
            model_name='deedstar',
            index=models.Index(fields=['cycle', 'quarter'], name='deeds_deeds_cycle_i_ddbe28_idx'),
        ),
        migrations.AddConstraint(
            model_name='deedstar',
            constraint=models.UniqueConstraint(fields=('organization', 'cycle', 'quarter', 'member'), name='deed_star_once_per_member_quarter'),
        ),
        migrations.AddConstraint(
            model_name='deedstar',
            constraint=models.CheckConstraint(condition=models.Q(('quarter__gte', 1), ('quarter__lte', 4)), name='deed_star_quarter_1_to_4'),
        ),
        migrations.AddConstraint(
            model_name='starlistentry',
            constraint=models.UniqueConstraint(fields=('star_list', 'star'), name='star_listed_once'),
        ),
        migrations.AddConstraint(
            model_name='starlist',
            constraint=models.UniqueConstraint(fields=('organization', 'year', 'quarter'), name='star_list_once_per_quarter'),
        ),
        migrations.AddConstraint(
            model_name='starlist',
            constraint=models.CheckConstraint(condition=models.Q(('quarter__gte', 1), ('quarter__lte', 4)), name='star_list_quarter_1_to_4'),
        ),
    ]
