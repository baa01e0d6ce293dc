from django.db import models


class Phase(models.TextChoices):
    """The phases of education that programmes, hub roles and schools are sorted by."""

    EARLY_YEARS = "early_years", "Early years"
    PRIMARY = "primary", "Primary"
    SECONDARY = "secondary", "Secondary"
    POST16 = "post16", "Post-16"
