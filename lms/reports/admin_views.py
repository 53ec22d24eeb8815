"""
The report screens in the Wagtail admin, for people holding
`accounts.view_reports` (training managers and HR officers), each over the
units they are responsible for (lms.accounts.scope; superusers: all). A
`?unit=` outside those units is refused with a 404 saying so, whether the
page or its export is asked for. `?format=xlsx` or `?format=csv` downloads
what the page shows (the coverage export holds the whole subtree).
"""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from lms.accounts.scope import units_in_scope

from . import charts, exports, services
from .forms import PeopleFilterForm, ReportFilterForm
from .models import ReportSubscription

PEOPLE_PER_PAGE = 50


def may_see_reports(user):
    return user.has_perm("accounts.view_reports")


def require(request):
    if not may_see_reports(request.user):
        raise PermissionDenied


def for_a_unit(view):
    """
    A report view for report viewers only, called with the unit of
    `?unit=CODE` (None when none is asked); a code outside the viewer's
    units answers the refusal page, for the page and its downloads alike.
    """

    @wraps(view)
    def wrapper(request):
        require(request)
        code = request.GET.get("unit", "").strip()
        unit = units_in_scope(request.user).filter(code=code).first() if code else None
        if code and unit is None:
            return refused(request, code)
        return view(request, unit)

    return wrapper


def refused(request, code):
    message = _("No unit with the code “%(code)s” is among the units you are responsible for.") % {"code": code}
    return render(request, "reports/refused.html", {"message": message}, status=404)


def export(table, file_format):
    response = HttpResponse(exports.render(table, file_format), content_type=exports.CONTENT_TYPES[file_format])
    response["Content-Disposition"] = f'attachment; filename="{exports.filename(table, file_format)}"'
    return response


def query_without(request, *names):
    """The current query string without `names`, for links that change one of them."""
    return urlencode([(key, value) for key, value in request.GET.items() if key not in names])


@for_a_unit
def coverage(request, unit):
    form = ReportFilterForm(request.GET)
    if not form.is_valid():
        return render(request, "reports/coverage.html", {"form": form, "report": None}, status=400)
    filters = form.filters()
    file_format = request.GET.get("format")
    if file_format in exports.FORMATS:
        units = [unit] if unit is not None else services.scope_roots(request.user)
        return export(exports.coverage_table(units, filters), file_format)
    report = services.coverage(request.user, unit, filters)
    subscription = None
    if report.unit is not None:
        subscription = ReportSubscription.objects.filter(
            user=request.user, unit=report.unit, course=filters.course, weekly=True
        ).first()
    # Every level at once on request: two queries per level of the subtree, like the export.
    expanded = report.unit is not None and request.GET.get("tree") == "all"
    tree_rows = None
    if expanded:
        tree_rows = services.subtree_rows(report.unit, filters)[1:]
        for row in tree_rows:
            row.indent = row.unit.depth - report.unit.depth - 1
            row.has_children = row.unit.numchild > 0
    context = {
        "form": form, "report": report, "filters": filters, "tree_rows": tree_rows,
        "toggle_query": query_without(request, "format", "tree"),
        "ancestors": _ancestors_in_scope(request.user, report.unit),
        "bars": charts.bar_chart(report.rows), "line": charts.line_chart(report.completions),
        "weekly": services.completion_periods(filters)[2],
        "query": query_without(request, "unit", "format"), "export_query": query_without(request, "format"),
        "subscription": subscription,
    }
    return render(request, "reports/coverage.html", context)


def _ancestors_in_scope(user, unit):
    if unit is None:
        return []
    return list(units_in_scope(user).filter(pk__in=unit.get_ancestors().values("pk")).order_by("path"))


@for_a_unit
def people(request, unit):
    roots = services.scope_roots(request.user)
    if unit is None and len(roots) == 1:
        unit = roots[0]
    form = PeopleFilterForm(request.GET)
    context = {"form": form, "unit": unit, "roots": roots, "page": None}
    if not form.is_valid():
        return render(request, "reports/people.html", context, status=400)
    if unit is None:
        return render(request, "reports/people.html", context)
    filters = form.filters()
    status, query = form.cleaned_data["status"], form.cleaned_data["q"]
    file_format = request.GET.get("format")
    if file_format in exports.FORMATS:
        return export(exports.people_table(unit, filters, status, query), file_format)
    page = Paginator(services.people(unit, filters, status, query), PEOPLE_PER_PAGE).get_page(request.GET.get("page"))
    lines = services.course_lines([person.pk for person in page], filters)
    context.update(
        page=page, rows=[(person, lines.get(person.pk) or [None]) for person in page], filters=filters,
        query=query_without(request, "page", "format"), export_query=query_without(request, "page", "format"),
        status_labels=exports.STATUS_LABELS,
    )
    return render(request, "reports/people.html", context)


@require_http_methods(["GET", "POST"])
def subscriptions(request):
    """The viewer's weekly report e-mails: subscribe from the coverage page, stop here or there."""
    require(request)
    if request.method == "POST":
        return _change_subscription(request)
    mine = ReportSubscription.objects.filter(user=request.user, weekly=True).select_related("unit", "course")
    return render(request, "reports/subscriptions.html", {"subscriptions": mine.order_by("unit__path")})


def _change_subscription(request):
    unit = units_in_scope(request.user).filter(code=request.POST.get("unit", "")).first()
    if unit is None:
        return refused(request, request.POST.get("unit", ""))
    course = None
    if request.POST.get("course"):
        course = services.mandatory_courses().filter(slug=request.POST["course"]).first()
        if course is None:
            messages.error(request, _("That course is not mandatory anywhere; nothing was changed."))
            return redirect("report_subscriptions")
    weekly = request.POST.get("action") == "subscribe"
    ReportSubscription.objects.update_or_create(user=request.user, unit=unit, course=course, defaults={"weekly": weekly})
    if weekly:
        messages.success(request, _("You will get the report of %(unit)s by e-mail every week.") % {"unit": unit.name})
    else:
        messages.success(request, _("You will no longer get the weekly report of %(unit)s.") % {"unit": unit.name})
    back = request.POST.get("next", "")
    if back.startswith(reverse("report_coverage")):
        return redirect(back)
    return redirect("report_subscriptions")
