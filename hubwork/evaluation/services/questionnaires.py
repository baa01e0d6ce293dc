"""National admins define the questionnaires: create one, change its title and introduction,
and add, change, remove and reorder its questions.

Versions: a questionnaire version that has responses is never changed, so every response
keeps the wording it answered. Any change to it makes a new version (a copy with the change
applied, `version` + 1, now current; the old one stays for its responses). A version nobody
has answered yet is changed in place. The row being changed is locked and must still be
current, so two admins changing it at once cannot make two current versions: the second is
told to make their change on the version the first made.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from hubwork.accounts.models import User
from hubwork.core.audit import audit
from hubwork.evaluation.defaults import ItemSeed, default_questionnaire
from hubwork.evaluation.models import Item, Questionnaire
from hubwork.programmes.models import IntendedOutcome, Programme

MAX_SCALE_POINTS = 11
MAX_CHOICES = 20
CHOICE_KINDS = (Item.Kind.SINGLE_CHOICE, Item.Kind.MULTIPLE_CHOICE)


@dataclass
class ItemData:
    """What a question says and how it is answered, as a form gives it."""

    kind: str
    text: str
    hint: str = ""
    required: bool = True
    asked: str = Item.Asked.BOTH
    outcome: IntendedOutcome | None = None
    area: str = ""
    scale_labels: list[str] = field(default_factory=list)
    choices: list[str] = field(default_factory=list)
    min_value: int | None = None
    max_value: int | None = None

    @classmethod
    def of(cls, item: Item) -> "ItemData":
        return cls(
            kind=item.kind,
            text=item.text,
            hint=item.hint,
            required=item.required,
            asked=item.asked,
            outcome=item.outcome,
            area=item.area,
            scale_labels=list(item.scale_labels),
            choices=list(item.choices),
            min_value=item.min_value,
            max_value=item.max_value,
        )

    @classmethod
    def from_seed(cls, seed: ItemSeed) -> "ItemData":
        fields = {name: getattr(seed, name) for name in cls.__dataclass_fields__}
        return cls(
            **fields | {"scale_labels": list(seed.scale_labels), "choices": list(seed.choices)}
        )


# Fields of an item that say what it asks (all but its place and questionnaire).
ITEM_FIELDS = tuple(ItemData.__dataclass_fields__)


def item_data_clean(*, questionnaire: Questionnaire, data: ItemData) -> ItemData:
    """`data` made consistent for its kind, or a ValidationError with each problem by the
    form field it is about."""
    errors: dict[str, str] = {}
    labels = [label.strip() for label in data.scale_labels if label.strip()]
    choices = [choice.strip() for choice in data.choices if choice.strip()]
    is_scale = data.kind == Item.Kind.SCALE
    outcome = data.outcome
    area = data.area
    if outcome is not None:
        if questionnaire.programme_id is None:
            errors["outcome"] = (
                "A national default's questions are tied to an outcome area, not to one "
                "programme's intended outcome."
            )
        elif outcome.programme_id != questionnaire.programme_id:
            errors["outcome"] = "Choose one of this programme's intended outcomes."
        else:
            area = outcome.area
    if is_scale:
        if len(labels) < 2:
            errors["scale_labels"] = (
                "Give at least 2 labelled points, one a line, lowest first "
                "(for example, 7 from “Strongly disagree” to “Strongly agree”)."
            )
        elif len(labels) > MAX_SCALE_POINTS:
            errors["scale_labels"] = f"A scale can have at most {MAX_SCALE_POINTS} points."
        elif len(set(labels)) < len(labels):
            errors["scale_labels"] = "Give each point of the scale a different label."
        # A scale measures something: in a programme's pre/post and school leader
        # questionnaires, one of its intended outcomes. Session feedback (reactions to a
        # session) and national defaults name an outcome area.
        needs_outcome = (
            questionnaire.programme_id is not None
            and questionnaire.kind != Questionnaire.Kind.SESSION_FEEDBACK
        )
        if needs_outcome and outcome is None and "outcome" not in errors:
            errors["outcome"] = "Choose the intended outcome this question measures."
        elif not area and "outcome" not in errors:
            errors["area"] = "Choose the outcome area this question measures."
    else:
        labels = []
    if data.kind in CHOICE_KINDS:
        if len(choices) < 2:
            errors["choices"] = "Give at least 2 choices, one a line."
        elif len(choices) > MAX_CHOICES:
            errors["choices"] = f"A question can have at most {MAX_CHOICES} choices."
        elif len(set(choices)) < len(choices):
            errors["choices"] = "Give each choice once."
    else:
        choices = []
    min_value, max_value = data.min_value, data.max_value
    if data.kind == Item.Kind.NUMBER:
        if min_value is not None and max_value is not None and min_value > max_value:
            errors["max_value"] = (
                "The largest number must be the same as or more than the smallest."
            )
    else:
        min_value = max_value = None
    asked = data.asked if questionnaire.kind == Questionnaire.Kind.PRE_POST else Item.Asked.BOTH
    if asked not in Item.Asked.values:
        errors["asked"] = "Choose when the question is asked."
    if not data.text.strip():
        errors["text"] = "Enter the question."
    if errors:
        raise ValidationError(errors)
    return ItemData(
        kind=data.kind,
        text=data.text.strip(),
        hint=data.hint.strip(),
        required=data.required,
        asked=asked,
        outcome=outcome,
        area=area,
        scale_labels=labels,
        choices=choices,
        min_value=min_value,
        max_value=max_value,
    )


def _fields(data: ItemData | Item) -> dict[str, Any]:
    return {name: getattr(data, name) for name in ITEM_FIELDS}


def _new_item(questionnaire: Questionnaire, data: ItemData, position: int) -> Item:
    item = Item(questionnaire=questionnaire, position=position, **_fields(data))
    item.full_clean()
    return item


def _create(
    *,
    programme: Programme | None,
    kind: str,
    title: str,
    introduction: str,
    items: Iterable[ItemData],
    by: User | None,
) -> Questionnaire:
    latest = (
        Questionnaire.objects.filter(programme=programme, kind=kind).aggregate(Max("version"))[
            "version__max"
        ]
        or 0
    )
    questionnaire = Questionnaire(
        programme=programme,
        kind=kind,
        version=latest + 1,
        is_current=True,
        title=title,
        introduction=introduction,
        created_by=by,
    )
    questionnaire.full_clean()
    questionnaire.save()
    Item.objects.bulk_create(
        _new_item(questionnaire, data, position)
        for position, data in enumerate(
            (item_data_clean(questionnaire=questionnaire, data=data) for data in items), start=1
        )
    )
    return questionnaire


def questionnaire_create(
    *, programme: Programme | None, kind: str, title: str, introduction: str = "", by: User
) -> Questionnaire:
    """A programme's (or, with None, the national default's) questionnaire of `kind`,
    starting from the default questions. There is one of each kind: asking for a second is a
    ValidationError by `kind`."""
    if kind not in Questionnaire.Kind.values:
        raise ValidationError({"kind": "Choose what the questionnaire is for."})
    with transaction.atomic():
        if programme is not None:
            # Two admins creating the same one at once: the second finds the first's.
            programme = Programme.objects.select_for_update().get(pk=programme.pk)
        if Questionnaire.objects.current().filter(programme=programme, kind=kind).exists():
            owner = programme.name if programme else "The national default"
            raise ValidationError(
                {
                    "kind": f"{owner} already has a {Questionnaire.Kind(kind).label.lower()} "
                    "questionnaire: change that one instead."
                }
            )
        seed = default_questionnaire(programme, kind)
        questionnaire = _create(
            programme=programme,
            kind=kind,
            title=title.strip() or seed.title,
            introduction=introduction.strip(),
            items=[ItemData.from_seed(item) for item in seed.items],
            by=by,
        )
        audit(by, "questionnaire.created", questionnaire, version=questionnaire.version)
    return questionnaire


def _locked_current(questionnaire: Questionnaire) -> Questionnaire:
    """The questionnaire's row, locked, if it is still the current version."""
    locked = (
        # Only the questionnaire's row: a national default has no programme, and PostgreSQL
        # cannot lock the empty side of an outer join.
        Questionnaire.objects.select_for_update(of=("self",))
        .select_related("programme")
        .get(pk=questionnaire.pk)
    )
    if not locked.is_current:
        newer = (
            Questionnaire.objects.current()
            .filter(programme=locked.programme, kind=locked.kind)
            .first()
        )
        raise ValidationError(
            "This is an earlier version, kept for the responses that answered it. "
            + (
                f"Make your change on version {newer.version}, the current one."
                if newer
                else "There is no current version to change."
            )
        )
    return locked


def _version_to_change(
    questionnaire: Questionnaire, *, by: User, change: str
) -> tuple[Questionnaire, dict[int, Item]]:
    """Lock the questionnaire and return the version a change goes into, with its items by
    the primary key of the item each copies: the questionnaire itself if nobody has answered
    it, else a new current version copied from it (which is audited)."""
    locked = _locked_current(questionnaire)
    items = list(locked.items.order_by("position", "pk"))
    if not locked.responses.exists():
        return locked, {item.pk: item for item in items}
    latest = (
        Questionnaire.objects.filter(programme=locked.programme, kind=locked.kind).aggregate(
            Max("version")
        )["version__max"]
        or 0
    )
    locked.is_current = False
    locked.save(update_fields=["is_current", "updated_at"])
    new_version = Questionnaire(
        programme_id=locked.programme_id,
        kind=locked.kind,
        version=latest + 1,
        is_current=True,
        title=locked.title,
        introduction=locked.introduction,
        created_by=by,
    )
    new_version.full_clean()
    new_version.save()
    copies = Item.objects.bulk_create(
        Item(
            questionnaire=new_version,
            position=item.position,
            **_fields(item),
        )
        for item in items
    )
    audit(
        by,
        "questionnaire.versioned",
        new_version,
        from_version=locked.version,
        from_questionnaire=locked.pk,
        change=change,
    )
    return new_version, {item.pk: copy for item, copy in zip(items, copies, strict=True)}


def questionnaire_update(
    *, questionnaire: Questionnaire, title: str, introduction: str, by: User
) -> Questionnaire:
    """Change the title and introduction; returns the version changed (a new one if the
    questionnaire had responses)."""
    title, introduction = title.strip(), introduction.strip()
    if not title:
        raise ValidationError({"title": "Enter a title."})
    with transaction.atomic():
        if (title, introduction) == (questionnaire.title, questionnaire.introduction):
            return _locked_current(questionnaire)
        target, _ = _version_to_change(questionnaire, by=by, change="title and introduction")
        before = {"title": target.title, "introduction": target.introduction}
        target.title, target.introduction = title, introduction
        target.full_clean()
        target.save(update_fields=["title", "introduction", "updated_at"])
        audit(
            by,
            "questionnaire.changed",
            target,
            changed={
                name: [before[name], getattr(target, name)]
                for name in before
                if before[name] != getattr(target, name)
            },
        )
    return target


def item_create(*, questionnaire: Questionnaire, data: ItemData, by: User) -> Item:
    """Add a question at the end; returns it, in a new version if the questionnaire had
    responses."""
    with transaction.atomic():
        cleaned = item_data_clean(questionnaire=questionnaire, data=data)
        target, items = _version_to_change(questionnaire, by=by, change="question added")
        position = max((item.position for item in items.values()), default=0) + 1
        item = _new_item(target, cleaned, position)
        item.save()
        audit(by, "questionnaire.item_added", target, item=item.pk, text=item.text)
    return item


def item_update(*, item: Item, data: ItemData, by: User) -> Item:
    """Change a question; returns it as changed, in a new version (leaving the answered
    wording alone) if the questionnaire had responses."""
    questionnaire = item.questionnaire
    with transaction.atomic():
        cleaned = item_data_clean(questionnaire=questionnaire, data=data)
        if cleaned == ItemData.of(item):
            _locked_current(questionnaire)
            return item
        target, items = _version_to_change(questionnaire, by=by, change="question changed")
        changed = _still_there(items, item)
        before = ItemData.of(changed)
        for name in ITEM_FIELDS:
            setattr(changed, name, getattr(cleaned, name))
        changed.full_clean()
        changed.save()
        audit(
            by,
            "questionnaire.item_changed",
            target,
            item=changed.pk,
            changed={
                name: [_plain(getattr(before, name)), _plain(getattr(cleaned, name))]
                for name in ITEM_FIELDS
                if getattr(before, name) != getattr(cleaned, name)
            },
        )
    return changed


def _still_there(items: dict[int, Item], item: Item) -> Item:
    """The version's copy of `item`, unless someone removed it meanwhile."""
    try:
        return items[item.pk]
    except KeyError:
        raise ValidationError("Someone removed this question meanwhile.") from None


def _plain(value: object) -> object:
    return value.pk if isinstance(value, IntendedOutcome) else value


def item_delete(*, item: Item, by: User) -> Questionnaire:
    """Remove a question; returns the version it is gone from (a new one if the
    questionnaire had responses: the answers to it stay with the earlier version)."""
    with transaction.atomic():
        target, items = _version_to_change(item.questionnaire, by=by, change="question removed")
        removed = _still_there(items, item)
        text = removed.text
        removed.delete()
        _renumber(target)
        audit(by, "questionnaire.item_removed", target, text=text)
    return target


def item_move(*, item: Item, offset: int, by: User) -> Item:
    """Move a question `offset` places (-1: up one) within its questionnaire; returns it, in
    a new version if the questionnaire had responses (the order is part of the wording)."""
    with transaction.atomic():
        target, items = _version_to_change(item.questionnaire, by=by, change="questions reordered")
        moved = _still_there(items, item)
        ordered = sorted(items.values(), key=lambda each: (each.position, each.pk))
        start = ordered.index(moved)
        end = min(max(start + offset, 0), len(ordered) - 1)
        if end != start:
            ordered.insert(end, ordered.pop(start))
            _save_positions(ordered)
            audit(
                by,
                "questionnaire.items_reordered",
                target,
                item=moved.pk,
                position=[start + 1, end + 1],
            )
    moved.refresh_from_db()
    return moved


def _renumber(questionnaire: Questionnaire) -> None:
    _save_positions(list(questionnaire.items.order_by("position", "pk")))


def _save_positions(ordered: Sequence[Item]) -> None:
    for position, item in enumerate(ordered, start=1):
        item.position = position
    Item.objects.bulk_update(ordered, ["position"])


def questionnaires_seed(*, programmes: Iterable[Programme] | None = None) -> int:
    """Give each programme (every one, when None) and the national default any questionnaire
    of each kind they have no current version of, from the defaults; returns how many were
    made. Running it again makes none. Not audited: these are the starting point, not
    anyone's change (changes from here on are)."""
    chosen = (
        Programme.objects.all()
        if programmes is None
        else Programme.objects.filter(pk__in=[programme.pk for programme in programmes])
    )
    owners: list[Programme | None] = [None, *chosen.prefetch_related("outcomes")]
    held = set(Questionnaire.objects.current().values_list("programme_id", "kind"))
    created = 0
    with transaction.atomic():
        for owner in owners:
            for kind in Questionnaire.Kind.values:
                if (owner.pk if owner else None, kind) in held:
                    continue
                seed = default_questionnaire(owner, kind)
                _create(
                    programme=owner,
                    kind=kind,
                    title=seed.title,
                    introduction=seed.introduction,
                    items=[ItemData.from_seed(item) for item in seed.items],
                    by=None,
                )
                created += 1
    return created


def seed_for_programmes(*, programmes: Sequence[Programme], **kwargs: Any) -> None:
    """Receiver of programmes.signals.programmes_seeded: the seeded programmes' defaults."""
    questionnaires_seed(programmes=programmes)
