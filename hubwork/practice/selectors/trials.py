"""Reads of one classroom trial's evidence."""

from hubwork.practice.models import ClassroomTrial, Evidence


def evidence_of(trial: ClassroomTrial) -> list[Evidence]:
    return list(trial.evidence.all())


def evidence_count(trial: ClassroomTrial) -> int:
    return trial.evidence.count()
