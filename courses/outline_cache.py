"""
Courses and their outlines in the shared cache.

A published course's outline (its live sections and activities) changes only
when one of its pages does, and every lesson view reads it, with the course
itself as its own type: from the database they took two of a lesson view's
statements, the outline the heaviest after routing. So both are kept
in the cache under a *generation* that any saved, deleted or moved page
moves on (courses.receivers; saving a draft leaves the live content, and
the generation, as they were). One generation serves every course: pages change a few
times a day, lessons are read thousands of times a minute, so an edit that
rebuilds every course's outline once costs nothing worth tracking per course.

The generation moves on when the change happens and again when its
transaction commits: a reader that read the pages between the two, before
the commit made them visible, stored what it read under a generation that is
no longer current.
"""

import time

from django.core.cache import cache
from django.db import transaction

GENERATION_KEY = "courses:outline-generation"
CACHE_TIMEOUT = 24 * 60 * 60


def cached_outline(course_pk, read):
    """The outline of course `course_pk` from the cache, or `read()` (and stored) when it is not current."""
    return _current(f"courses:outline:{course_pk}", read)


def cached_course(course_pk, read):
    """
    The course `course_pk` as its own type with its outline, from the cache,
    or `read()` (and stored) when it is not current. What `read` returns
    must hold no other page (a parent, say): that one might change unseen.
    """
    return _current(f"courses:course:{course_pk}", read)


def _current(key, read):
    found = cache.get_many([GENERATION_KEY, key])
    generation = found.get(GENERATION_KEY)
    if generation is None:
        # A lost generation (the cache restarted or evicted it) trusts nothing stored: a new
        # one starts from the clock, later than any generation stored values carry.
        cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
        generation = cache.get(GENERATION_KEY)
    stored = found.get(key)
    if stored is not None and stored[0] == generation:
        return stored[1]
    value = read()
    cache.set(key, (generation, value), CACHE_TIMEOUT)
    return value


def pages_changed():
    """A page was saved, deleted or moved: nothing stored is current any more (nor after the commit)."""
    _next_generation()
    transaction.on_commit(_next_generation)


def _next_generation():
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        # No generation stored: the next reader starts a new one, trusting nothing stored before.
        pass
