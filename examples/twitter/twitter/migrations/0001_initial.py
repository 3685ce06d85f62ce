from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
    ]

    operations = [
        migrations.CreateModel(
            name='ProjectVariable',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.SlugField(max_length=100, unique=True, verbose_name='name')),
                ('value', models.TextField(blank=True, verbose_name='value')),
                ('description', models.CharField(blank=True, max_length=255, verbose_name='description')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
            ],
            options={
                'verbose_name': 'project variable',
                'verbose_name_plural': 'project variables',
                'ordering': ['name'],
            },
        ),
    ]
