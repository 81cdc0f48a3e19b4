"""What counts towards a staff sign-in lock (django-axes' AXES_HANDLER).

Apart from `portal.lib.lockout`, which Django imports as an app config before
the models are ready: this module needs axes' models.
"""

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_lockout_parameters
from django.conf import settings
from django.db.models import Sum

ONE_ACCOUNT = frozenset(["username", "ip_address"])
WHOLE_ADDRESS = frozenset(["ip_address"])


class StaffLockoutHandler(AxesDatabaseHandler):
    """Two locks with two limits, counted over the cool-off period:

    - one account from one address: AXES_FAILURE_LIMIT wrong passwords (an
      officer who forgot theirs; colleagues at the same address carry on);
    - one address, whatever the accounts: PORTAL_ADDRESS_FAILURE_LIMIT wrong
      passwords (credential spraying: a few guesses at each of many usernames
      never locks any one account).

    Axes compares one number with one limit (the highest count of the groups
    in AXES_LOCKOUT_PARAMETERS), so the address's count is scaled to reach
    AXES_FAILURE_LIMIT exactly when it reaches its own, higher limit.
    """

    def get_failures(self, request, credentials=None):
        one_account, whole_address = (
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in self._attempts_by_scope(request, credentials)
        )
        limit, address_limit = settings.AXES_FAILURE_LIMIT, settings.PORTAL_ADDRESS_FAILURE_LIMIT
        request.axes_locked_by_address = whole_address >= address_limit and one_account < limit
        return max(one_account, whole_address * limit // address_limit)

    def reset_user_attempts(self, request, credentials=None):
        # A sign-in clears its own account's failures at this address only:
        # one colleague's success, or one stolen password, must not wipe the
        # count of a spray from the same address.
        one_account, _whole_address = self._attempts_by_scope(request, credentials, cool_off=False)
        count, _ = one_account.delete()
        return count

    def _attempts_by_scope(self, request, credentials, *, cool_off=True):
        """(one account at this address, the whole address), whatever the order of
        AXES_LOCKOUT_PARAMETERS."""
        find = self.get_user_attempts if cool_off else self.filter_user_attempts
        by_scope = {
            frozenset([group] if isinstance(group, str) else group): attempts
            for group, attempts in zip(
                get_lockout_parameters(request, credentials),
                find(request, credentials),
                strict=True,
            )
        }
        return by_scope[ONE_ACCOUNT], by_scope[WHOLE_ADDRESS]
