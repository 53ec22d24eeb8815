"""
One-time sign-in codes for people without an e-mail address. An officer who
imports people prints codes for the accounts in their units that have no
mailbox; each person types theirs once at /accounts/sign-in-code/, is signed
in and chooses a password, and from then on signs in with their staff id.

Only accounts without a mailbox and without any staff role get codes: a code
is a way into an account, and an HR officer must not be able to open a
colleague's, a trainer's or anyone's who can reset their own by e-mail.
"""

import hashlib
from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms import readable_codes

from .models import NO_MAILBOX_DOMAIN, SignInCode, User
from .scope import members_in_scope

CODE_LENGTH = 12
VALID_DAYS = 30


class InvalidSignInCode(Exception):
    """The typed code signs nobody in; `message` says so without telling which part was wrong."""

    message = _("This sign-in code is not valid: it may be mistyped, used already or expired. "
                "Ask the officer who gave it to you for a new one.")


def code_hash(typed):
    return hashlib.sha256(readable_codes.compact(typed).encode()).hexdigest()


def people_without_mailbox(officer):
    """The accounts in `officer`'s units that may be given a code: no mailbox, no staff role."""
    return (
        members_in_scope(officer)
        .filter(email__endswith="@" + NO_MAILBOX_DOMAIN, is_active=True, is_staff=False, is_superuser=False,
                groups__isnull=True)
        .select_related("org_unit")
        .order_by("org_unit__path", "full_name")
    )


def waiting_for_codes(officer):
    """Those of them who never signed in and were never given a code."""
    return people_without_mailbox(officer).filter(last_login__isnull=True, sign_in_codes__isnull=True)


@transaction.atomic
def issue_codes(officer, user_ids, now=None):
    """
    A fresh code for each chosen person, replacing their unused ones, as
    [(user, code)] in the list's order. Refuses them all if any is not one
    `officer` may give a code to. The codes exist only in the return value.
    """
    now = now or timezone.now()
    people = list(people_without_mailbox(officer).filter(pk__in=user_ids))
    if not people or len(people) != len(set(user_ids)):
        raise PermissionDenied
    SignInCode.objects.filter(user__in=people, used_at__isnull=True).delete()
    issued = [(person, readable_codes.random_code(CODE_LENGTH)) for person in people]
    SignInCode.objects.bulk_create(
        SignInCode(user=person, code_hash=code_hash(code), created_by=officer, expires_at=now + timedelta(VALID_DAYS))
        for person, code in issued
    )
    return [(person, readable_codes.grouped(code)) for person, code in issued]


@transaction.atomic
def redeem(typed, now=None):
    """
    The person `typed` signs in, with the code spent and their old password
    (if any) gone, so they choose a new one next; InvalidSignInCode otherwise.
    """
    now = now or timezone.now()
    code = (
        SignInCode.objects.select_for_update()
        .filter(code_hash=code_hash(typed), used_at__isnull=True, expires_at__gt=now, user__is_active=True)
        .select_related("user")
        .first()
    )
    if code is None:
        raise InvalidSignInCode
    code.used_at = now
    code.save(update_fields=["used_at"])
    user = code.user
    user.set_unusable_password()
    user.save(update_fields=["password"])
    return user


def sign_in_name(user):
    """What `user` types to sign in: their staff id when they have no mailbox, else their e-mail."""
    if not user.has_mailbox and user.staff_id:
        return user.staff_id
    return user.email


def user_for_sign_in_name(login):
    """The e-mail allauth should authenticate for what was typed: a staff id stands for its owner's address."""
    login = login.strip()
    if "@" in login:
        return login
    user = User.objects.filter(staff_id=login).only("email").first()
    return user.email if user else login
