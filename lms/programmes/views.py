from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from .models import Notification

PER_PAGE = 20


@login_required
def my_notifications(request):
    mine = Notification.objects.filter(user=request.user).order_by("-created_at", "-pk")
    page = Paginator(mine, PER_PAGE).get_page(request.GET.get("page"))
    unread = mine.filter(read_at=None).count()
    return render(request, "programmes/my_notifications.html", {"page": page, "unread": unread})


@require_POST
@login_required
def mark_notifications_read(request):
    Notification.objects.filter(user=request.user, read_at=None).update(read_at=timezone.now())
    return redirect("my_notifications")
