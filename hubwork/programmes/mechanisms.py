"""The EEF's 14 mechanisms of effective professional development (Effective Professional
Development, 2021), under its four purposes. A fixed national catalogue, so it lives in code:
session plan activities store the codes of the mechanisms they use."""

from django.db import models


class Purpose(models.TextChoices):
    BUILD_KNOWLEDGE = "build_knowledge", "Build knowledge"
    MOTIVATE = "motivate", "Motivate teachers"
    DEVELOP_TECHNIQUES = "develop_techniques", "Develop teaching techniques"
    EMBED_PRACTICE = "embed_practice", "Embed practice"


class Mechanism(models.TextChoices):
    MANAGING_COGNITIVE_LOAD = "managing_cognitive_load", "Managing cognitive load"
    REVISITING_PRIOR_LEARNING = "revisiting_prior_learning", "Revisiting prior learning"
    SETTING_GOALS = "setting_goals", "Setting and agreeing on goals"
    CREDIBLE_SOURCE = "credible_source", "Presenting information from a credible source"
    AFFIRMATION = "affirmation", "Providing affirmation and reinforcement after progress"
    INSTRUCTING = "instructing", "Instructing how to perform a technique"
    SOCIAL_SUPPORT = "social_support", "Arranging social support"
    MODELLING = "modelling", "Modelling the technique"
    FEEDBACK = "feedback", "Monitoring and providing feedback"
    REHEARSING = "rehearsing", "Rehearsing the technique"
    PROMPTS_AND_CUES = "prompts_and_cues", "Providing prompts and cues"
    ACTION_PLANNING = "action_planning", "Prompting action planning"
    ENCOURAGING_MONITORING = "encouraging_monitoring", "Encouraging monitoring"
    CONTEXT_SPECIFIC_REPETITION = (
        "context_specific_repetition",
        "Prompting context-specific repetition",
    )


PURPOSE_OF: dict[Mechanism, Purpose] = {
    Mechanism.MANAGING_COGNITIVE_LOAD: Purpose.BUILD_KNOWLEDGE,
    Mechanism.REVISITING_PRIOR_LEARNING: Purpose.BUILD_KNOWLEDGE,
    Mechanism.SETTING_GOALS: Purpose.MOTIVATE,
    Mechanism.CREDIBLE_SOURCE: Purpose.MOTIVATE,
    Mechanism.AFFIRMATION: Purpose.MOTIVATE,
    Mechanism.INSTRUCTING: Purpose.DEVELOP_TECHNIQUES,
    Mechanism.SOCIAL_SUPPORT: Purpose.DEVELOP_TECHNIQUES,
    Mechanism.MODELLING: Purpose.DEVELOP_TECHNIQUES,
    Mechanism.FEEDBACK: Purpose.DEVELOP_TECHNIQUES,
    Mechanism.REHEARSING: Purpose.DEVELOP_TECHNIQUES,
    Mechanism.PROMPTS_AND_CUES: Purpose.EMBED_PRACTICE,
    Mechanism.ACTION_PLANNING: Purpose.EMBED_PRACTICE,
    Mechanism.ENCOURAGING_MONITORING: Purpose.EMBED_PRACTICE,
    Mechanism.CONTEXT_SPECIFIC_REPETITION: Purpose.EMBED_PRACTICE,
}


def mechanisms_by_purpose() -> list[tuple[Purpose, list[Mechanism]]]:
    """The catalogue in the EEF's order, grouped under its four purposes."""
    return [
        (purpose, [mechanism for mechanism in Mechanism if PURPOSE_OF[mechanism] == purpose])
        for purpose in Purpose
    ]
