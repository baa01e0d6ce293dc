"""`{% load hub_staff %}`: what a page in a hub's staff area shows depends on whether the
person looking is one of the hub's staff (leads who are not see some of its pages too)."""

from typing import Any

from django import template

from hubwork.accounts.models import User
from hubwork.hubs.models import Hub
from hubwork.hubs.permissions import can_manage_hub

register = template.Library()


@register.filter
def manages_hub(user: Any, hub: Hub) -> bool:
    """`{% if request.user|manages_hub:hub %}`: one query at most (none for the national
    team), asked once per page."""
    return isinstance(user, User) and can_manage_hub(user, hub)
