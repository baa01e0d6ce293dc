"""Hub areas from a CSV file with the columns `hub,la_code` (hub by slug or name)."""

import csv
import io
from dataclasses import dataclass, field
from typing import IO

from django.db import transaction

from hubwork.accounts.models import User
from hubwork.core.audit import audit
from hubwork.core.imports import UnreadableFileError, decode_csv_bytes
from hubwork.hubs.models import Hub, HubArea
from hubwork.schools.models import LocalAuthority

REQUIRED_COLUMNS = ("hub", "la_code")


@dataclass
class HubAreaImportReport:
    added: int = 0
    moved: int = 0
    unchanged: int = 0
    rejected: list[tuple[int, str]] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"{self.added} added, {self.moved} moved from another hub, "
            f"{self.unchanged} unchanged, {len(self.rejected)} rejected."
        )


def hub_areas_import(*, file: IO[bytes], by: User | None) -> HubAreaImportReport:
    """Put each listed local authority in the listed hub; report every line it could not use."""
    reader = csv.DictReader(io.StringIO(decode_csv_bytes(file.read()), newline=""))
    columns = {(name or "").strip().lower() for name in reader.fieldnames or []}
    missing = [column for column in REQUIRED_COLUMNS if column not in columns]
    if missing:
        raise UnreadableFileError(
            f"The file needs the columns hub and la_code; it has no {' or '.join(missing)} column."
        )
    hubs: dict[str, Hub] = {}
    for each_hub in Hub.objects.all():
        hubs[each_hub.slug.lower()] = each_hub
        hubs[each_hub.name.lower()] = each_hub
    local_authorities = {la.code: la for la in LocalAuthority.objects.all()}
    current = {area.local_authority_id: area for area in HubArea.objects.all()}

    report = HubAreaImportReport()
    seen: dict[str, int] = {}
    with transaction.atomic():
        for row in reader:
            line = reader.line_num
            values = {
                (key or "").strip().lower(): (value or "").strip() for key, value in row.items()
            }
            hub_name, code = values.get("hub", ""), values.get("la_code", "")
            hub = hubs.get(hub_name.lower())
            local_authority = local_authorities.get(code)
            if not hub_name and not code:
                continue  # blank line
            if hub is None:
                report.rejected.append((line, f"no hub is called {hub_name!r}"))
            elif local_authority is None:
                report.rejected.append((line, f"no local authority has the code {code!r}"))
            elif code in seen:
                report.rejected.append(
                    (line, f"local authority {code} is already on line {seen[code]}")
                )
            else:
                seen[code] = line
                area = current.get(local_authority.pk)
                if area is None:
                    current[local_authority.pk] = HubArea.objects.create(
                        hub=hub, local_authority=local_authority
                    )
                    report.added += 1
                elif area.hub_id != hub.pk:
                    audit(by, "hub_area.moved", area, hub=hub, from_hub_id=area.hub_id)
                    area.hub = hub
                    area.save(update_fields=["hub"])
                    report.moved += 1
                else:
                    report.unchanged += 1
        audit(
            by,
            "hub_areas.imported",
            added=report.added,
            moved=report.moved,
            unchanged=report.unchanged,
            rejected=len(report.rejected),
        )
    return report
