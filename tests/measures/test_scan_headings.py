"""The heading of a scanned announcement read again line by line
(measures.scan_headings): each test prints heading lines as a 300 dpi scan
of 16 pt Sarabun shows them, gives the first reading as Tesseract misreads a
whole page (tone marks dropped, ๒๘ read ๒๕), and checks what is read again.
Tesseract runs for real (one run for the lines, about a second)."""

from measures.scan_headings import HEADING_LINES, headings_reread
from tests.measures.documents import printed_lines

AGENCY = ["ประกาศสำนักงานเขตพื้นที่การศึกษามัธยมศึกษา", "เขต", "๒๘"]
SUBJECT = ["เรื่อง", "มาตรการ", "กลไกการมีส่วนร่วมของผู้รับบริการ"]
TITLE_END = ["ในการดำเนินงานของสำนักงานเขตพื้นที่การศึกษา", "พ.ศ.", "๒๕๖๒"]


def joined(pieces):
    return " ".join(pieces)


def test_tone_marks_dropped_on_the_page_come_back_when_a_line_is_read_alone():
    page, boxes = printed_lines([AGENCY, SUBJECT, TITLE_END])
    first = [
        "ประกาศสำนักงานเขตพืนทีการศึกษามัธยมศึกษา เขต ๒๘",
        "เรือง มาตรการ กลไกการมีส่วนร่วมของผู้รับบริการ",
        "ในการดำเนินงานของสำนักงานเขตพืนทีการศึกษา พ.ศ. ๒๕๖๒",
    ]

    again = headings_reread(page, list(zip(first, boxes, strict=True)))

    assert again == [joined(AGENCY), joined(SUBJECT), joined(TITLE_END)]


def test_misread_digits_of_the_heading_are_read_again_by_their_shape():
    page, boxes = printed_lines([AGENCY, TITLE_END], read_as={(0, 2): "๒๕", (1, 2): "๒๕๒๐๒"})
    first = [joined(AGENCY).replace("๒๘", "๒๕"), joined(TITLE_END).replace("๒๕๖๒", "๒๕๒๐๒")]

    again = headings_reread(page, list(zip(first, boxes, strict=True)))

    assert again == [joined(AGENCY), joined(TITLE_END)]


def test_a_heading_read_right_the_first_time_is_kept_as_it_was():
    page, boxes = printed_lines([AGENCY, ["เสีย"]])
    first = [joined(AGENCY), "เสีย"]

    assert headings_reread(page, list(zip(first, boxes, strict=True))) == first


def test_a_digit_the_page_does_not_show_clearly_keeps_its_first_reading():
    page, boxes = printed_lines([AGENCY], read_as={(0, 2): "๒๕"}, blot=(0, 2))
    first = [joined(AGENCY).replace("๒๘", "๒๕")]

    assert headings_reread(page, list(zip(first, boxes, strict=True))) == first


def test_lines_below_the_heading_are_left_as_tesseract_read_them():
    lines = [AGENCY] * (HEADING_LINES + 1)
    page, boxes = printed_lines(lines)
    first = [joined(AGENCY).replace("พื้นที่", "พืนที")] * len(lines)

    again = headings_reread(page, list(zip(first, boxes, strict=True)))

    assert again == [joined(AGENCY)] * HEADING_LINES + first[HEADING_LINES:]
