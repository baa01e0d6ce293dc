"""The school search behind every box that picks a school: schools from the register, each
with the Maths Hub whose area it is in (so it lives here, above schools)."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET

from hubwork.core.ratelimit import over_rate_limit
from hubwork.schools.models import School
from hubwork.schools.selectors import MAX_QUERY_LENGTH, school_label, search_schools

# The search box asks once per pause in typing, so a person stays far below this; a
# script walking the register does not.
SEARCH_RATE_LIMIT = 120
SEARCH_RATE_WINDOW_SECONDS = 60
SEARCH_RESULTS_LIMIT = 20


@require_GET
def school_search(request: HttpRequest) -> HttpResponse:
    """Schools matching `q`, as JSON, for search boxes that pick a school. Public."""
    if over_rate_limit(
        request,
        scope="school-search",
        limit=SEARCH_RATE_LIMIT,
        window_seconds=SEARCH_RATE_WINDOW_SECONDS,
    ):
        response = _error("You have searched too many times. Wait a minute, then try again.", 429)
        response["Retry-After"] = str(SEARCH_RATE_WINDOW_SECONDS)
        return response

    query = request.GET.get("q")
    if query is None:
        return _error("Enter a school name, URN, postcode or town in the q parameter.", 400)
    if len(query) > MAX_QUERY_LENGTH:
        return _error(f"The search must be {MAX_QUERY_LENGTH} characters or fewer.", 400)
    if "\x00" in query:
        return _error("The search must not contain null characters.", 400)

    schools = search_schools(query=query, limit=SEARCH_RESULTS_LIMIT)
    response = JsonResponse({"results": [school_search_result(school) for school in schools]})
    # Typing back over the same letters need not ask again; the register changes daily.
    patch_cache_control(response, private=True, max_age=300)
    return response


def school_search_result(school: School) -> dict[str, object]:
    local_authority = school.local_authority
    hub_area = getattr(local_authority, "hub_area", None) if local_authority else None
    hub = hub_area.hub if hub_area else None
    return {
        "urn": school.urn,
        "name": school.name,
        "town": school.town,
        "postcode": school.postcode,
        "local_authority": local_authority.name if local_authority else None,
        "status": school.status,
        "closed": school.is_closed,
        "hub": (
            {"name": hub.name, "slug": hub.slug, "url": hub.get_absolute_url()} if hub else None
        ),
        "label": school_label(school),
    }


def _error(message: str, status: int) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)
