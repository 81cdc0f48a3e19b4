"""The inbox's listening channels as records that carry out a measure's
clauses (see `measures.coverage`); registered when the app is ready."""

from django.utils.translation import gettext_lazy as _

from feedback.models import ListeningChannel
from measures.coverage import Carrier, carrier_register


def register():
    carrier_register(
        Carrier(
            kind="listening_channel",
            label=_("Listening channels"),
            model=ListeningChannel,
            clause_field="clause",
            # A channel carries out its clause on every day it is open.
            in_period=lambda rows, period: rows.open_during(period),
            public=lambda rows: rows.published(),
            title_field="name",
            order=50,
            year_url=lambda channel, year: channel.year_url(year),
        )
    )
