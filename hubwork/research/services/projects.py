"""Writes to an RIWG's research project: starting it from its Work Group, its details,
readings and themes, its participating schools' consent, the status its leads move it
through, and carrying it over to next year's copy of the Work Group ("year 2")."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from hubwork.accounts.models import User
from hubwork.core.audit import audit
from hubwork.programmes.models import Programme
from hubwork.research.models import (
    ProjectSchool,
    ProjectYear,
    Reading,
    ResearchProject,
    Theme,
)
from hubwork.workgroups.models import WorkGroup

Status = ResearchProject.Status

# The details leads change on the edit page.
DETAIL_FIELDS = (
    "title",
    "question",
    "context",
    "method",
    "ethics_school_agrees",
    "ethics_no_identifying_data",
    "ethics_aggregate_only",
)


def is_riwg(work_group: WorkGroup) -> bool:
    return work_group.programme.kind == Programme.Kind.RIWG


def is_open_to_edit(project: ResearchProject) -> bool:
    """Its leads change its details until they submit it for review (reviews.py may
    return it to them)."""
    return project.status in ResearchProject.LEAD_STATUSES


def project_start(*, work_group: WorkGroup, by: User) -> ResearchProject:
    """The research project of an RIWG Work Group, with the Work Group as its year 1; the
    project it already has, if it has one."""
    with transaction.atomic():
        # Lock the Work Group so two leads pressing "Start" at once make one project.
        WorkGroup.objects.select_for_update().filter(pk=work_group.pk).first()
        existing = ProjectYear.objects.filter(work_group=work_group).select_related("project")
        year = existing.first()
        if year is not None:
            return year.project
        if not is_riwg(work_group):
            raise ValidationError(
                "Only a research and innovation Work Group has a research project."
            )
        project = ResearchProject(hub=work_group.hub, title=work_group.title[:200])
        project.full_clean()
        project.save()
        ProjectYear.objects.create(project=project, work_group=work_group, number=1)
        audit(by, "research_project.started", project, work_group=work_group.pk)
    return project


def project_update(
    *,
    project: ResearchProject,
    by: User,
    themes: list[Theme] | None = None,
    timelines: dict[int, str] | None = None,
    **details: Any,
) -> ResearchProject:
    """Change the project's details (DETAIL_FIELDS), themes and each year's timeline
    ({ProjectYear pk: text}). Collecting data or later, the ethics checklist stays ticked."""
    unknown = set(details) - set(DETAIL_FIELDS)
    if unknown:
        raise TypeError(f"Not a detail of a project: {', '.join(sorted(unknown))}")
    with transaction.atomic():
        project = ResearchProject.objects.select_for_update().get(pk=project.pk)
        if not is_open_to_edit(project):
            raise ValidationError(
                f"The project is {project.get_status_display().lower()}: its details no "
                "longer change."
            )
        changed = [name for name, value in details.items() if getattr(project, name) != value]
        for name in changed:
            setattr(project, name, details[name])
        if project.status != Status.PLANNING and not project.ethics_complete:
            raise ValidationError(
                {
                    name: "Data is being collected, so every item of the ethics checklist "
                    "must stay ticked."
                    for name in (
                        "ethics_school_agrees",
                        "ethics_no_identifying_data",
                        "ethics_aggregate_only",
                    )
                    if not getattr(project, name)
                }
            )
        if project.status != Status.PLANNING and not project.question.strip():
            raise ValidationError({"question": "Enter the research question."})
        project.full_clean()
        project.save()
        if themes is not None:
            project.themes.set(themes)
        for year in project.years.all():
            if timelines and year.pk in timelines and year.timeline != timelines[year.pk]:
                year.timeline = timelines[year.pk]
                year.save(update_fields=["timeline"])
                changed.append(f"timeline_year_{year.number}")
        audit(by, "research_project.updated", project, changed=changed)
    return project


def project_reading_add(*, project: ResearchProject, reading: Reading, by: User) -> None:
    """Say the project builds on this reading from the library."""
    with transaction.atomic():
        project.readings.add(reading)
        audit(by, "research_project.reading_added", project, reading=reading.pk)


def project_reading_remove(*, project: ResearchProject, reading: Reading, by: User) -> None:
    with transaction.atomic():
        project.readings.remove(reading)
        audit(by, "research_project.reading_removed", project, reading=reading.pk)


def project_school_consent_set(
    *, project: ResearchProject, school_id: int, named_with_consent: bool, by: User
) -> ProjectSchool:
    """Record whether a participating school agreed to be named in the write-up."""
    with transaction.atomic():
        school, _ = ProjectSchool.objects.select_for_update().get_or_create(
            project=project, school_id=school_id
        )
        if school.named_with_consent != named_with_consent:
            school.named_with_consent = named_with_consent
            school.save(update_fields=["named_with_consent"])
            audit(
                by,
                "research_project.school_consent_changed",
                project,
                school=school_id,
                named_with_consent=named_with_consent,
            )
    return school


def next_lead_status(project: ResearchProject) -> str | None:
    """The status the leads move the project on to next, if they move it."""
    statuses = ResearchProject.LEAD_STATUSES
    if project.status not in statuses:
        return None
    index = statuses.index(project.status)
    return statuses[index + 1] if index + 1 < len(statuses) else None


def previous_lead_status(project: ResearchProject) -> str | None:
    """The status the leads may step the project back to, before it is submitted."""
    statuses = ResearchProject.LEAD_STATUSES
    if project.status not in statuses:
        return None
    index = statuses.index(project.status)
    return statuses[index - 1] if index > 0 else None


def collecting_problems(project: ResearchProject) -> list[str]:
    """What stops the project collecting data: a question and the whole ethics checklist."""
    problems = []
    if not project.question.strip():
        problems.append("Enter the research question before you collect data.")
    if not project.ethics_complete:
        problems.append("Tick every item of the ethics checklist before you collect data.")
    return problems


def project_status_set(*, project: ResearchProject, status: str, by: User) -> ResearchProject:
    """Move the project one step on, or back, through the leads' statuses (planning,
    collecting, analysing, writing up). Submission and reviews are reviews.py's."""
    with transaction.atomic():
        project = ResearchProject.objects.select_for_update().get(pk=project.pk)
        if status not in (next_lead_status(project), previous_lead_status(project)):
            raise ValidationError(
                f"The project is {project.get_status_display().lower()}: it cannot move to "
                "that status from here."
            )
        if status == Status.COLLECTING and project.status == Status.PLANNING:
            problems = collecting_problems(project)
            if problems:
                raise ValidationError(problems)
        was = project.status
        project.status = status
        project.save(update_fields=["status", "updated_at"])
        audit(by, "research_project.status_changed", project, was=was, now=status)
    return project


def project_carry_over(*, original: WorkGroup, copy: WorkGroup, by: User) -> ProjectYear | None:
    """When an RIWG Work Group is copied to next year, its project goes on with the copy as
    its next year (the receiver of workgroups' work_group_copied, in ResearchConfig.ready)."""
    year = ProjectYear.objects.filter(work_group=original).select_related("project").first()
    if year is None or ProjectYear.objects.filter(work_group=copy).exists():
        return None
    project = year.project
    last = project.years.order_by("-number").values_list("number", flat=True).first() or 0
    next_year = ProjectYear.objects.create(project=project, work_group=copy, number=last + 1)
    audit(by, "research_project.year_added", project, work_group=copy.pk, number=last + 1)
    return next_year


def on_work_group_copied(
    sender: Any, *, original: WorkGroup, copy: WorkGroup, by: User, **kwargs: Any
) -> None:
    project_carry_over(original=original, copy=copy, by=by)
