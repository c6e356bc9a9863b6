"""The "Medical reviewers" group and the "Medical review" workflow: one task, approved by that group.

Reviewers get into the admin and may publish, but not edit: Wagtail lets the members of a task's groups
open, lock, approve or send back a page while it waits at that task
(`AbstractGroupApprovalTask.user_can_access_editor`), so they need no "change" or "add" permission; but
approving the last task publishes the page as the approver, which Wagtail refuses without the "publish"
page permission (`PublishRevisionAction.check`). `content/demo.py` puts the workflow on the Learn section
and gives the group "publish" there, and nowhere else (not on the root: a reviewer could then unpublish
any page).
"""

import django.db.models.deletion
from django.db import migrations, models

MEDICAL_REVIEW = "Medical review"
MEDICAL_REVIEWERS = "Medical reviewers"


def create(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    MedicalReviewTask = apps.get_model("content", "MedicalReviewTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")

    reviewers, _ = Group.objects.get_or_create(name=MEDICAL_REVIEWERS)
    reviewers.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))

    task = MedicalReviewTask.objects.filter(name=MEDICAL_REVIEW).first()
    if task is None:
        content_type, _ = ContentType.objects.get_or_create(app_label="content", model="medicalreviewtask")
        task = MedicalReviewTask.objects.create(name=MEDICAL_REVIEW, content_type=content_type, active=True)
        task.groups.add(reviewers)
    workflow = Workflow.objects.filter(name=MEDICAL_REVIEW).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=MEDICAL_REVIEW, active=True)
        WorkflowTask.objects.create(workflow=workflow, task_id=task.pk, sort_order=0)


class Migration(migrations.Migration):

    dependencies = [
        ('auth', '0012_alter_user_first_name_max_length'),
        ('content', '0002_verification_records'),
        ('wagtailcore', '0098_apitoken'),
        ('wagtailadmin', '0001_create_admin_access_permissions'),
        ('shop', '0005_staff_groups'),
    ]

    operations = [
        migrations.CreateModel(
            name='MedicalReviewTask',
            fields=[
                ('task_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to='wagtailcore.task')),
                ('groups', models.ManyToManyField(help_text='Pages/snippets at this step in a workflow will be moderated or approved by these groups of users', to='auth.group', verbose_name='groups')),
            ],
            options={
                'verbose_name': 'medical review task',
                'verbose_name_plural': 'medical review tasks',
            },
            bases=('wagtailcore.task',),
        ),
        migrations.RunPython(create, migrations.RunPython.noop),
    ]
