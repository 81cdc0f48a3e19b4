"""Post an admin form as a browser would: every field the page shows, with
its current value, and the test's changes on top (inline management forms
included), so a test goes through the real admin without spelling out
each field."""

from html.parser import HTMLParser


class _FormFields(HTMLParser):
    def __init__(self):
        super().__init__()
        self.data, self._select, self._textarea = {}, None, None
        self._multiple, self._first_option = False, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name", "")
        if tag == "input" and name and "__prefix__" not in name:
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "file", "image"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            value = attrs.get("value", "on" if kind == "checkbox" else "")
            self.data.setdefault(name, []).append(value)
        elif tag == "select" and name and "__prefix__" not in name:
            self._select, self._multiple, self._first_option = name, "multiple" in attrs, None
            self.data.setdefault(name, [])
        elif tag == "option" and self._select:
            if self._first_option is None:
                self._first_option = attrs.get("value", "")
            if "selected" in attrs:
                self.data[self._select].append(attrs.get("value", ""))
        elif tag == "textarea" and name and "__prefix__" not in name:
            self._textarea = name
            self.data[name] = [""]

    def handle_endtag(self, tag):
        if tag == "select" and self._select:
            # A browser sends the first option of a single choice left alone.
            if (
                not self._multiple
                and not self.data[self._select]
                and self._first_option is not None
            ):
                self.data[self._select].append(self._first_option)
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea][0] += (
                data.removeprefix("\n") if not self.data[self._textarea][0] else data
            )


def admin_form_data(client, url, **changes):
    """The form at `url` as the admin shows it, with `changes` applied."""
    page = client.get(url)
    assert page.status_code == 200, page.status_code
    parser = _FormFields()
    parser.feed(page.content.decode())
    data = {name: values for name, values in parser.data.items() if name != "csrfmiddlewaretoken"}
    for name, value in changes.items():
        data[name] = value if isinstance(value, list) else [value]
    return data


def admin_post(client, url, **changes):
    return client.post(url, admin_form_data(client, url, **changes), follow=True)
