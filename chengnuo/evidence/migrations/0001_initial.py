import django.db.models.deletion
import uuid
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Evidence',
            fields=[
                ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                ('file', models.FileField(max_length=200, upload_to='evidence/%Y/%m/', verbose_name='file')),
                ('kind', models.CharField(choices=[('image', 'Photo'), ('document', 'Document')], max_length=10, verbose_name='kind')),
                ('content_type', models.CharField(max_length=100, verbose_name='content type')),
                ('size', models.PositiveIntegerField(verbose_name='size in bytes')),
                ('sha256', models.CharField(max_length=64)),
                ('original_name', models.CharField(blank=True, max_length=200, verbose_name='original name')),
                ('public', models.BooleanField(default=False, verbose_name='public')),
                ('uploaded_at', models.DateTimeField(auto_now_add=True)),
                ('uploaded_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'evidence',
                'verbose_name_plural': 'evidence',
                'ordering': ['uploaded_at'],
            },
        ),
    ]
