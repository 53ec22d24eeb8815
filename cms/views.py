from django.core.paginator import Paginator
from django.shortcuts import render
from wagtail.models import Page

# Search results shown per page; short enough for a phone.
RESULTS_PER_PAGE = 10


def search(request):
    query = request.GET.get("q", "").strip()[:100]
    results = Page.objects.live().public().specific().search(query) if query else Page.objects.none()
    page_of_results = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "cms/search.html", {"query": query, "results": page_of_results})
