"""Erasing what the leaders app holds about a person (leaders/privacy.py).

Their own applications (and every hub's part of them), profile, development log, pairings
and the quality visits to sessions they led go. What they wrote about others stays without
them: notes on applications, co-leads' planning notes, pipeline steps, pairings they set up
and visits they made keep the words, not the author.
"""

from hubwork.accounts.models import User
from hubwork.leaders.models import (
    Application,
    DevelopmentEntry,
    HubApplicationEvent,
    HubApplicationNote,
    LeadNote,
    LlmeProfile,
    Pairing,
    QualityVisit,
)


def leaders_data_erase(user: User) -> dict[str, int]:
    counts = {
        "applications": Application.objects.filter(applicant=user).delete()[0],
        "profile": LlmeProfile.objects.filter(user=user).delete()[0],
        "development_entries": DevelopmentEntry.objects.filter(user=user).delete()[0],
        "pairings": Pairing.objects.filter(llme=user).delete()[0]
        + Pairing.objects.filter(experienced=user).delete()[0],
        "quality_visits": QualityVisit.objects.filter(llme=user).delete()[0],
    }
    Pairing.objects.filter(created_by=user).update(created_by=None)
    QualityVisit.objects.filter(visitor=user).update(visitor=None)
    HubApplicationNote.objects.filter(author=user).update(author=None)
    HubApplicationEvent.objects.filter(by=user).update(by=None)
    LeadNote.objects.filter(author=user).update(author=None)
    return counts
