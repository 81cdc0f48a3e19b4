"""The change list's action inputs drawn once per process for what they show.

Django renders the action form's two inputs (the select of the admin's
actions, the hidden "select across" input) through the form renderer's
templates on every page: about a millisecond of a staff case list (issue 16)
for HTML that changes only with the actions offered and the language.
KeptActionForm's inputs keep the HTML they drew for the same name, value,
attributes, choices, renderer and language, and draw it again for anything else.
"""

from django import forms
from django.contrib.admin.helpers import ActionForm
from django.utils.functional import Promise
from django.utils.safestring import SafeData
from django.utils.translation import get_language

from portal.lib.kept_in_process import KeptInProcess

_drawn = KeptInProcess(most=256)


class _KeptRendering:
    def render(self, name, value, attrs=None, renderer=None):
        try:
            key = (type(self), name, renderer, get_language(), *map(_plain, (value, attrs)))
            key += (_plain(self.attrs), _plain(getattr(self, "choices", None)))
        except TypeError:  # something else in the attributes or choices: drawn as usual
            return super().render(name, value, attrs, renderer)
        return _drawn.get_or_keep(
            key, lambda: super(_KeptRendering, self).render(name, value, attrs, renderer)
        )


class KeptSelect(_KeptRendering, forms.Select):
    pass


class KeptHiddenInput(_KeptRendering, forms.HiddenInput):
    pass


_KEPT = {forms.Select: KeptSelect, forms.HiddenInput: KeptHiddenInput}


class KeptActionForm(ActionForm):
    """Django's ActionForm (fields, labels, attributes), its inputs kept."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():  # this form's own copies
            kept = _KEPT.get(type(field.widget))
            if kept:
                field.widget.__class__ = kept


def _plain(value):
    """`value` as a hashable key: lazy texts translated, containers as tuples,
    marked-safe text told apart from text to escape; TypeError for anything
    else (an iterator of choices may give other choices next time)."""
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, SafeData):
        return ("safe", str(value))
    if isinstance(value, dict):
        return ("dict", *sorted((key, _plain(item)) for key, item in value.items()))
    if isinstance(value, (list, tuple)):
        return ("seq", *(_plain(item) for item in value))
    if value is None or isinstance(value, (str, int, float)):
        return value
    raise TypeError(f"not kept: {type(value).__name__}")
