"""The public body of knowledge: published findings, searched and filtered, each at a stable
address, with a citation to copy or download. Anyone may read them, signed in or not;
anything unpublished is not found."""

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.text import slugify
from django.views.decorators.http import require_GET
from django_htmx.middleware import HtmxDetails

from hubwork.research.finding_citations import as_apa, as_bibtex, as_ris, licence_of
from hubwork.research.forms.findings import FindingSearchForm
from hubwork.research.models import ResearchProject
from hubwork.research.selectors.findings import (
    filter_choices,
    finding_facts,
    finding_for_page,
    findings_list,
    joinable_work_groups,
)

FINDINGS_PER_PAGE = 20
CITATION_FORMATS = {
    "bib": (as_bibtex, "application/x-bibtex; charset=utf-8"),
    "ris": (as_ris, "application/x-research-info-systems; charset=utf-8"),
}


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


def finding_slug(project: ResearchProject) -> str:
    """The slug in its address: the one it was published with, or one from its title."""
    return project.slug or slugify(project.title)[:100] or "finding"


def finding_url(project: ResearchProject) -> str:
    return reverse("research:finding", kwargs={"pk": project.pk, "slug": finding_slug(project)})


def _finding(pk: int) -> ResearchProject:
    try:
        return finding_for_page(pk=pk)
    except ResearchProject.DoesNotExist:
        raise Http404("No such finding") from None


def _filter_query(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@require_GET
def findings(request: HtmxHttpRequest) -> HttpResponse:
    form = FindingSearchForm(request.GET or None, choices=filter_choices())
    page = Paginator(findings_list(form.filters()), FINDINGS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    results = [(project, finding_url(project)) for project in page.object_list]
    context = {
        "form": form,
        "page": page,
        "results": results,
        "filter_query": _filter_query(request),
        "searched": any(request.GET.get(name) for name in form.fields),
    }
    # htmx swaps in the results alone; restoring history after a cache miss needs the page.
    if request.htmx and not request.htmx.history_restore_request:
        response = render(request, "research/findings/results.html", context)
    else:
        response = render(request, "research/findings/list.html", context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_GET
def finding_redirect(request: HttpRequest, pk: int) -> HttpResponse:
    return HttpResponsePermanentRedirect(finding_url(_finding(pk)))


@require_GET
def finding(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    project = _finding(pk)
    address = finding_url(project)
    if slug != finding_slug(project):
        return HttpResponsePermanentRedirect(address)
    absolute = request.build_absolute_uri(address)
    return render(
        request,
        "research/findings/detail.html",
        {
            "project": project,
            "facts": finding_facts(project),
            "readings": list(project.readings.all()),
            "themes": list(project.themes.all()),
            "work_groups": joinable_work_groups(project),
            "licence": licence_of(project),
            "apa": as_apa(project, url=absolute),
            "bibtex": as_bibtex(project, url=absolute),
            "address": absolute,
        },
    )


@require_GET
def finding_citation(request: HttpRequest, pk: int, file_format: str) -> HttpResponse:
    if file_format not in CITATION_FORMATS:
        raise Http404("No such format")
    project = _finding(pk)
    write, content_type = CITATION_FORMATS[file_format]
    response = HttpResponse(
        write(project, url=request.build_absolute_uri(finding_url(project))),
        content_type=content_type,
    )
    filename = f"{finding_slug(project)[:60]}.{file_format}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
