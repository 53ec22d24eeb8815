"""
allauth's account adapter, adjusted so that login limits fit commune centres.

allauth counts failed logins per address and per account (the "login_failed"
rates). A whole class signs in from one commune address, so the per-address
rate is only a flood guard here, and this adapter adds a third count: failures
for one account from one address ("login_failed_account_address"). It stops a
guesser at one address after a few tries without locking the account's owner
out at another; the looser per-account rate still stops guessing spread over
many addresses. Every count uses the client address from lms.client_address,
the same one the certificate verification limits use.
"""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.internal import ratelimit
from django.core.exceptions import ValidationError

from lms.client_address import client_ip

ACCOUNT_AT_ADDRESS = "login_failed_account_address"


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request):
        address = client_ip(request)
        return address or super().get_client_ip(request)

    def _account_at_address_key(self, request, **credentials):
        account = self._get_login_attempts_cache_key(request, **credentials)
        return f"{account}@{self.get_client_ip(request)}"

    def pre_authenticate(self, request, **credentials):
        # The narrowest count first: a guesser refused here spends nothing of the
        # account's budget across addresses, so cannot use it to lock the owner out.
        usage = ratelimit.consume(
            request, app="allauth.account", action=ACCOUNT_AT_ADDRESS,
            key=self._account_at_address_key(request, **credentials),
        )
        if not usage:
            raise self.validation_error("too_many_login_attempts")
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError:
            usage.rollback()
            raise
        self._account_at_address_usage = usage

    def _rollback_login_failed_rl_usage(self):
        # A successful login takes back its own attempt from every count, as allauth does for its two.
        super()._rollback_login_failed_rl_usage()
        usage = getattr(self, "_account_at_address_usage", None)
        if usage:
            usage.rollback()

    def _delete_login_attempts_cached_email(self, request, **credentials):
        # A password reset wipes allauth's counts for the account; wipe this address's too.
        super()._delete_login_attempts_cached_email(request, **credentials)
        ratelimit.clear(
            request, app="allauth.account", action=ACCOUNT_AT_ADDRESS,
            key=self._account_at_address_key(request, **credentials),
        )
