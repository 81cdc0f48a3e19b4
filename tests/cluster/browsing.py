"""What a browser does with a page's form, for the cluster's citizen and officer."""

import html.parser
import io
import urllib.parse


class Forms(html.parser.HTMLParser):
    """The forms of a page, with the values a browser would send unchanged:
    text as given, the first option of each radio group and select."""

    def __init__(self, page):
        super().__init__()
        self.forms = []
        self._select = None
        self._textarea = None
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append({"action": attrs.get("action", ""), "fields": {}, "names": set()})
            return
        if not self.forms:
            return
        fields, names = self.forms[-1]["fields"], self.forms[-1]["names"]
        name = attrs.get("name")
        if tag == "input" and name:
            names.add(name)
            kind = attrs.get("type", "text")
            if kind == "radio":
                fields.setdefault(name, attrs.get("value", "on"))
            elif kind == "checkbox":
                if "checked" in attrs:
                    fields[name] = attrs.get("value", "on")
            elif kind not in ("submit", "file", "button"):
                fields[name] = attrs.get("value", "")
        elif tag == "select" and name:
            names.add(name)
            self._select = name
        elif tag == "option" and self._select and attrs.get("value"):
            fields.setdefault(self._select, attrs["value"])
        elif tag == "textarea" and name:
            names.add(name)
            self._textarea = name
            fields[name] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        if tag == "textarea":
            self._textarea = None

    def having(self, field):
        for form in self.forms:
            if field in form["names"]:
                return form
        raise SystemExit(f"cluster: FAILED: no form with a field {field!r} on the page")


def post_form(session, page_response, field, overrides, files=None, base=None):
    form = Forms(page_response.text).having(field)
    action = urllib.parse.urljoin(page_response.url, form["action"] or page_response.url)
    if base:  # send it to the other host
        action = base + urllib.parse.urlsplit(action).path
    data = form["fields"] | overrides
    headers = {"Referer": page_response.url}
    return session.post(action, data=data, files=files, headers=headers, allow_redirects=True)


def jpeg_bytes():
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (320, 240), (30, 120, 200)).save(buffer, format="JPEG")
    return buffer.getvalue()
