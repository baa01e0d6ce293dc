import pytest

from hubwork.core.models import AuditEvent
from hubwork.programmes.models import Programme
from hubwork.programmes.seeds import PROGRAMMES, programmes_seed


@pytest.mark.django_db
def test_seeding_saves_each_missing_programme_through_the_service_once():
    assert programmes_seed() == len(PROGRAMMES)
    assert AuditEvent.objects.filter(verb="programme.created").count() == len(PROGRAMMES)
    core_maths = Programme.objects.get(slug="developing-core-maths-pedagogy")
    assert core_maths.phase_list == ["Post-16"]
    assert core_maths.outcomes.exists()

    assert programmes_seed() == 0
    assert AuditEvent.objects.count() == len(PROGRAMMES)
