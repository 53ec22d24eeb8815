"""What every page's header needs to know about the person signed in."""

import time

from django.utils.functional import SimpleLazyObject

# Whether the header offers the admin is kept in the session this long: a
# query fewer on every page a learner opens. Someone given a role sees the
# link at their next sign-in or within these seconds; the admin itself checks
# permissions on every request, so a link shown a while too long opens nothing.
ADMIN_LINK_SESSION_KEY = "accounts:sees-admin-link"
ADMIN_LINK_KEPT_SECONDS = 10 * 60


def admin_link(request):
    """`sees_admin_link` for the header, asked only when a template shows it."""
    return {"sees_admin_link": SimpleLazyObject(lambda: sees_admin_link(request))}


def sees_admin_link(request):
    user = request.user
    if not user.is_authenticated:
        return False
    now = int(time.time())
    # Asked again after each sign-in: the time of the last one is part of whom the answer is for.
    signed_in = f"{user.pk}@{user.last_login.isoformat() if user.last_login else ''}"
    kept = request.session.get(ADMIN_LINK_SESSION_KEY)
    if kept and kept[1] == signed_in and now - kept[2] < ADMIN_LINK_KEPT_SECONDS:
        return kept[0]
    answer = user.sees_admin_link
    request.session[ADMIN_LINK_SESSION_KEY] = [answer, signed_in, now]
    return answer
