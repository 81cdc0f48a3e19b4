from django.contrib.auth.models import AnonymousUser
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

# The admin's own sign-out is let through so that someone stuck at the second
# step (lost phone, wrong account) can leave it.
OPEN_BEFORE_SECOND_STEP = {"second_factor", "admin:logout"}


class StaffSecondFactorMiddleware:
    """Only a session verified with a second factor acts as a staff member.

    After the password, the user is signed in to Django but not verified by
    django-otp (OTPMiddleware, which must come before this one). Until the second
    step succeeds, every admin page sends them to it, and every other page
    (including staff views outside the admin: attachment downloads, private
    survey results, report drafts) sees an anonymous visitor.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        match = request.resolver_match
        if match.namespace in OPEN_BEFORE_SECOND_STEP or match.view_name in OPEN_BEFORE_SECOND_STEP:
            return None
        if match.namespace == "admin":
            # From the sign-in page, carry on to where it was going to send them.
            if match.url_name == "login":
                next_url = request.GET.get("next") or reverse("admin:index")
            else:
                next_url = request.get_full_path()
            return redirect(f"{reverse('second_factor:verify')}?{urlencode({'next': next_url})}")
        request.user = AnonymousUser()
        return None
