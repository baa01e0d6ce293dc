"""Readings set for sessions, as part of a person's data (core/privacy.py): their own
progress on each reading (read or not, private notes, the response and whether they shared
it) and the readings they set as a lead. Loaded by research/privacy.py. On erasure their
progress goes, shared responses included; the readings they set stay without them."""

from hubwork.accounts.models import User
from hubwork.core.privacy import ExportPart, PersonalData, register_personal_data, rows
from hubwork.research.models import ReadingProgress, SessionReading
from hubwork.research.services.session_readings_erasure import session_readings_data_erase


def session_readings_data_export(user: User) -> ExportPart:
    return ExportPart(
        tables={
            "reading_progress": rows(
                ReadingProgress.objects.filter(user=user).order_by("created_at", "pk"),
                "session_reading__reading__title",
                "session_reading__session__work_group__title",
                "session_reading__session__number",
                "session_reading__guiding_question",
                "done_at",
                "private_notes",
                "response",
                "shared_at",
                "created_at",
                "updated_at",
            ),
            "readings_set_for_sessions": rows(
                SessionReading.objects.filter(set_by=user).order_by("created_at", "pk"),
                "reading__title",
                "session__work_group__title",
                "session__number",
                "guiding_question",
                "created_at",
            ),
        }
    )


register_personal_data(
    PersonalData(
        name="research_session_readings",
        covers=frozenset({"research.ReadingProgress.user", "research.SessionReading.set_by"}),
        export=session_readings_data_export,
        erase=session_readings_data_erase,
    )
)
