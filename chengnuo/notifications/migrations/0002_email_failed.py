from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('notifications', '0001_initial'),
    ]

    operations = [
        migrations.AlterField(
            model_name='notification',
            name='email_state',
            field=models.CharField(choices=[('none', 'No email address'), ('pending', 'Waiting to be sent'), ('sent', 'Sent'), ('retry', 'Sending failed, will retry'), ('failed', 'Sending failed')], default='none', max_length=8, verbose_name='email'),
        ),
    ]
