"""The home page shortens a long title after a whole word: Django's
truncatechars cut the demo measure's title inside "ประถมศึกษา"
("…การศึกษาประถ…"), which reads as a typo on the agency's front page."""

import re

from measures.models import Measure
from tests.factories import measures as mf

TITLE = (
    "มาตรการการเปิดโอกาสให้ผู้รับบริการหรือผู้มีส่วนได้ส่วนเสียเข้ามามีส่วนร่วม "
    "ในการดำเนินงานของสำนักงานเขตพื้นที่การศึกษาประถมศึกษานครพนม เขต ๒ พ.ศ. ๒๕๖๒"
)


def test_a_long_measure_title_is_shortened_after_a_whole_word(client, agency):
    measure = mf.measure(status=Measure.Status.PUBLISHED, title=TITLE)

    html = client.get("/").content.decode()

    shown = re.search(rf'<a href="{measure.get_absolute_url()}">([^<]*)</a>', html).group(1)
    assert shown.endswith("…") and len(shown) <= 110
    assert "ประถ…" not in shown and "ศึกษาป…" not in shown
    # What is shown, less the mark, is the title's start, ending where a word ends.
    kept = shown.removesuffix("…")
    assert TITLE.startswith(kept)
    assert kept.endswith(("สำนักงานเขต", "เขตพื้นที่", "การศึกษา", "ของ", "สำนักงาน"))
