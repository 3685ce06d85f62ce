"""Admin pages of the project-wide models."""

from django.contrib import admin

from twitter.models import ProjectVariable


@admin.register(ProjectVariable)
class ProjectVariableAdmin(admin.ModelAdmin[ProjectVariable]):
    list_display = ["name", "value", "updated_at"]
    search_fields = ["name", "description"]
