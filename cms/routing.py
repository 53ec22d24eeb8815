"""
Finding the page a URL names in two queries, whatever its depth.

Wagtail's `Page.route` walks the path one segment at a time, with two queries
for each (the child by its slug, then that child as its own type): ten for a
lesson five levels below the home page, on every view. Here the pages along
the path are read in one query and only the page served is loaded as its own
type. Each step keeps Wagtail's rules: a child is matched by its slug under
its parent, a page type with routing of its own (a routable page) routes
what lies below it, and the page served is asked to route itself, so a page
that is not live is still a 404.
"""

from django.http import Http404
from wagtail.models import Page


def route_below(page, request, path_components):
    """What `page.route(request, path_components)` returns, in two queries."""
    if not path_components:
        return Page.route(page, request, path_components)
    candidates = list(
        Page.objects.filter(
            path__startswith=page.path,
            depth__gt=page.depth,
            depth__lte=page.depth + len(path_components),
            slug__in=set(path_components),
        )
    )
    parent = page
    for position, slug in enumerate(path_components):
        children = [
            candidate
            for candidate in candidates
            if candidate.depth == parent.depth + 1 and candidate.slug == slug and candidate.path.startswith(parent.path)
        ]
        if not children:
            raise Http404
        if len(children) > 1:
            # Two siblings with one slug cannot be told apart; Wagtail's own walk says what that means.
            return Page.route(parent, request, path_components[position:])
        child = children[0]
        # Treebeard's get_parent reads this, as after Wagtail's own routing: breadcrumbs cost nothing.
        child._cached_parent_obj = parent
        remaining = path_components[position + 1:]
        if remaining and routes_itself(child):
            return child.specific.route(request, remaining)
        parent = child
    return parent.specific.route(request, [])


def routes_itself(page):
    return (page.specific_class or Page).route is not Page.route
