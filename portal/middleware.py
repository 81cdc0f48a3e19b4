from django.conf import settings


class ThaiFirstMiddleware:
    """Serve Thai unless the visitor chose English with the language switcher.

    Many Thai citizens' phones are set to English; Django would follow their
    browser's Accept-Language and show a Thai agency's portal in English. Only
    the switcher's cookie changes the language here, so this middleware runs
    just before LocaleMiddleware and hides the browser's preference from it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.LANGUAGE_COOKIE_NAME not in request.COOKIES:
            request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)
