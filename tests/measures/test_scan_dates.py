"""The digits of a scanned date line read again one by one (measures.scan_dates).

Each test prints a date line as a 300 dpi scan of 16 pt Sarabun would show
it, with the boxes Tesseract gives for each piece of text and the text it
read (digits misread as it misreads them), then checks that the digits are
read from the image, and that no date is made up when the image does not
show one clearly.
"""

import pytest
from django.conf import settings
from PIL import Image, ImageDraw, ImageFont

from measures.scan_dates import Char, date_line_reread

FONT_SIZE = 66  # 16 pt at 300 dpi


def printed_line(pieces, *, read_as=None, font="Sarabun_400Regular.ttf", blot=None):
    """The image of `pieces` printed with a space between, and the Tesseract
    boxes for each piece, carrying `read_as` (piece index → text) instead of
    what is printed. `blot` (a piece index) is inked over, as a stamp would."""
    path = settings.SITE_FILES / "static" / "fonts" / "sarabun" / font
    face = ImageFont.truetype(str(path), FONT_SIZE)
    page = Image.new("L", (2400, 200), 255)
    draw = ImageDraw.Draw(page)
    x, chars = 100, []
    for index, piece in enumerate(pieces):
        left, top, right, bottom = draw.textbbox((x, 50), piece, font=face)
        draw.text((x, 50), piece, font=face, fill=0)
        if index == blot:
            draw.rectangle((left + 4, top + 10, right - 4, bottom - 10), fill=0)
        chars.append(Char((read_as or {}).get(index, piece), left, top, right, bottom))
        x = right + 25
    return page, chars


LINE = ["ประกาศ", "ณ", "วันที่", "๑๕", "มีนาคม", "พ.ศ.", "๒๕๖๑"]


@pytest.mark.parametrize("font", ["Sarabun_400Regular.ttf", "Sarabun_700Bold.ttf"])
def test_a_misread_year_is_read_again_from_its_digits(font):
    page, chars = printed_line(LINE, read_as={6: "๒๕๒๐๑"}, font=font)

    assert date_line_reread(page, chars) == "ประกาศ ณ วันที่ ๑๕ มีนาคม พ.ศ. ๒๕๖๑"


def test_a_misread_day_and_the_word_month_are_kept_in_their_place():
    pieces = ["ประกาศ", "ณ", "วันที่", "๙", "เดือน", "ตุลาคม", "พ.ศ.", "๒๕๖๘"]
    page, chars = printed_line(pieces, read_as={3: "«", 7: "๒๕๒๘"})

    assert date_line_reread(page, chars) == "ประกาศ ณ วันที่ ๙ เดือน ตุลาคม พ.ศ. ๒๕๖๘"


def test_every_thai_digit_is_told_apart():
    for day, year in [("๑๐", "๒๕๔๒"), ("๒๓", "๒๕๖๗"), ("๒๘", "๒๕๕๙"), ("๓๐", "๒๕๔๖")]:
        pieces = ["ประกาศ", "ณ", "วันที่", day, "เมษายน", "พ.ศ.", year]
        page, chars = printed_line(pieces, read_as={6: "๒๕๐๐"})

        assert date_line_reread(page, chars) == f"ประกาศ ณ วันที่ {day} เมษายน พ.ศ. {year}"


def test_a_date_tesseract_read_right_is_left_alone():
    page, chars = printed_line(LINE)

    assert date_line_reread(page, chars) is None


def test_a_blotted_digit_gives_no_date():
    page, chars = printed_line(LINE, read_as={6: "๒๕๒๐๑"}, blot=6)

    assert date_line_reread(page, chars) is None


@pytest.mark.parametrize(
    ("day", "month", "year"),
    [
        ("๓๐", "กุมภาพันธ์", "๒๕๖๑"),  # no such day
        ("๑๕", "มีนาคม", "๒๕๓๐"),  # before the year B.E. 2540
        ("๑๕", "มีนาคม", "๒๖๖๑"),  # a century ahead
        ("๑๕", "มีนาคม", "๒๕๖๑๑"),  # no year has five digits
    ],
)
def test_what_is_no_plausible_date_gives_no_date(day, month, year):
    pieces = ["ประกาศ", "ณ", "วันที่", day, month, "พ.ศ.", year]
    page, chars = printed_line(pieces, read_as={6: "๒๕๒๐"})

    assert date_line_reread(page, chars) is None


def test_a_line_without_month_or_year_is_not_read():
    page, chars = printed_line(["ประกาศ", "ณ", "วันที่", "๑๕", "มีนาคม"])

    assert date_line_reread(page, chars) is None
