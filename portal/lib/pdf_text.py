"""An exact text layer for Thai in WeasyPrint's PDFs (a patch that belongs upstream).

WeasyPrint 70 writes one ToUnicode entry per glyph and keeps the first text it
met for that glyph (issue #2841, open). Thai breaks that: the shaper draws
SARA AM (ำ) as NIKHAHIT + SARA AA, so the SARA AA glyph maps to "า" or to "ำ"
depending on which word came first, and tone marks drawn with a vertical
offset come out of order on extraction ("ส่วน" → "สว ่น"). Search, copy and
screen readers then get wrong Thai.

The fix keeps WeasyPrint's drawing and changes only the character codes it
writes. Each cluster's text goes on its first glyph and its other glyphs map
to nothing, so the text comes out whole and in logical order. When a glyph
already maps to another text, the cluster uses an *alias* code: an unused
code whose font encoding (a CMap, as WeasyPrint already writes for missing
glyphs) points at the same glyph, and whose ToUnicode entry gives the
cluster's text. Every code then maps to exactly one text, which poppler,
pypdf and screen readers all read the same way (unlike /ActualText, which
pypdf ignores).

`install()` applies the patch once, and only on the WeasyPrint version it was
written and tested against; on any other version it does nothing, so an
upgrade falls back to WeasyPrint's own text layer (tests/measures/test_pdf.py
then fails loudly rather than silently publishing a patched-wrong layer).
"""

from __future__ import annotations

import functools

PATCHED_VERSION = "70.0"
# Alias codes start this far above the font's last glyph, clear of the codes
# WeasyPrint gives characters missing from the font (which count up from it).
_ALIAS_GAP = 4096
# Format characters that draw nothing (zero-width space, word joiner, soft
# hyphen...) are layout hints, not text: they stay out of the text layer. A
# no-break space only keeps a name with its number ("เขต ๒"): a reader
# searching the PDF types a space.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff")) | {0xA0: " "}


def install() -> bool:
    """Patch WeasyPrint's text drawing and font dictionaries; True if patched."""
    import weasyprint
    from weasyprint.draw import text as draw_text_module
    from weasyprint.pdf import fonts as fonts_module

    if weasyprint.__version__ != PATCHED_VERSION:
        return False
    if getattr(draw_text_module.draw_first_line, "exact_thai_text", False):
        return True
    draw_text_module.draw_first_line = _with_cluster_codes(draw_text_module.draw_first_line)
    fonts_module._build_vector_font_dictionary = _with_alias_glyph_map(
        fonts_module._build_vector_font_dictionary
    )
    return True


def _with_cluster_codes(draw_first_line):
    @functools.wraps(draw_first_line)
    def patched(stream, textbox, text_overflow, block_ellipsis, matrix):
        # An ellipsis re-lays the line out inside the drawing; leave those
        # (never used in our documents) to WeasyPrint's own mapping.
        if text_overflow == "ellipsis" or block_ellipsis != "none" or not textbox.text.strip():
            return draw_first_line(stream, textbox, text_overflow, block_ellipsis, matrix)
        replaced = _assign_cluster_codes(stream, textbox)
        try:
            return draw_first_line(stream, textbox, text_overflow, block_ellipsis, matrix)
        finally:
            # The layout belongs to Pango and may be drawn again (repeated
            # headers, footers): give it back its real glyph ids.
            for glyph_info, glyph_id in replaced:
                glyph_info.glyph = glyph_id

    patched.exact_thai_text = True
    return patched


def _assign_cluster_codes(stream, textbox):
    """Give each glyph of the first line the code whose ToUnicode is its text."""
    from weasyprint.text.ffi import ffi, pango

    pango.pango_layout_set_single_paragraph_mode(textbox.pango_layout.layout, True)
    first_line, _ = textbox.pango_layout.get_first_line()
    utf8_text = textbox.pango_layout.text.encode()
    replaced = []
    run = first_line.runs[0]
    while run != ffi.NULL:
        glyph_item = run.data
        run = run.next
        if glyph_item.item.analysis.level % 2:  # right-to-left: not ours to fix
            continue
        font, font_size = stream.add_font(glyph_item.item.analysis.font)
        # Alias CIDs need a CIDToGIDMap, which only TrueType outlines have.
        if font.bitmap or font.png or font.svg or font.colr or font.type != "ttf":
            continue
        if pango.pango_version() < 14802:
            font_size = textbox.style["font_size"]
        glyph_string = glyph_item.glyphs
        texts = _cluster_texts(
            glyph_string, glyph_item.item.offset, glyph_item.item.length, utf8_text
        )
        for i, text in enumerate(texts):
            glyph_info = glyph_string.glyphs[i]
            glyph_id = glyph_info.glyph
            if glyph_id == pango.PANGO_GLYPH_EMPTY or glyph_id & pango.PANGO_GLYPH_UNKNOWN_FLAG:
                continue
            code = _code_for(font, glyph_id, text, glyph_item.item.analysis.font, font_size, stream)
            if code != glyph_id:
                replaced.append((glyph_info, glyph_id))
                glyph_info.glyph = code
    return replaced


def _cluster_texts(glyph_string, offset, length, utf8_text):
    """Per glyph, the text its code should map to, in reading order.

    Pango gives each character its own cluster, except where the shaper made
    several glyphs of one (SARA AM: NIKHAHIT + SARA AA). A cluster of marks
    only (tone marks, upper and lower vowels: zero advance) joins the text of
    the glyph before it, so "ส่" is read from the ส glyph and never as a
    stray mark placed by its offset. A cluster's text goes on its spacing
    glyph (SARA AA for SARA AM), so the text stands where the reader sees it;
    the cluster's other glyphs map to nothing.
    """
    count = glyph_string.num_glyphs
    glyphs = [glyph_string.glyphs[i] for i in range(count)]
    clusters = [glyph_string.log_clusters[i] for i in range(count)]
    texts = [""] * count
    carrier = None  # the glyph holding the text of the current spacing cluster
    i = 0
    while i < count:
        start = clusters[i]
        j = i
        while j < count and clusters[j] == start:
            j += 1
        end = clusters[j] if j < count else length
        text = utf8_text[offset + start : offset + end].decode().translate(_INVISIBLE)
        spacing = [k for k in range(i, j) if glyphs[k].geometry.width]
        if spacing:
            carrier = spacing[0]
            texts[carrier] = text
        elif carrier is not None:
            texts[carrier] += text
        else:
            carrier = i
            texts[i] = text
        i = j
    return texts


def _code_for(font, glyph_id, text, pango_font, font_size, stream):
    known = font.to_unicode.get(glyph_id)
    if known is None:
        font.to_unicode[glyph_id] = text
        return glyph_id
    if known == text:
        return glyph_id
    aliases = font.__dict__.setdefault("exact_text_aliases", {})
    code = aliases.get((glyph_id, text))
    if code is None:
        code = font.glyph_count + _ALIAS_GAP + len(aliases)
        aliases[(glyph_id, text)] = code
        font.__dict__.setdefault("exact_text_glyphs", {})[code] = glyph_id
        font.to_unicode[code] = text
        font.widths[code] = _glyph_width(font, glyph_id, pango_font, font_size, stream)
    return code


def _glyph_width(font, glyph_id, pango_font, font_size, stream):
    """The glyph's width in WeasyPrint's units (thousandths of the font size)."""
    from weasyprint.text.ffi import FROM_UNITS, pango

    if glyph_id not in font.widths:
        pango.pango_font_get_glyph_extents(
            pango_font, glyph_id, stream.ink_rect, stream.logical_rect
        )
        font.widths[glyph_id] = round(stream.logical_rect.width * 1000 * FROM_UNITS / font_size)
    return font.widths[glyph_id]


def _with_alias_glyph_map(build_vector_font_dictionary):
    @functools.wraps(build_vector_font_dictionary)
    def patched(font_dictionary, pdf, font, widths, compress, reference, pdf_version):
        build_vector_font_dictionary(
            font_dictionary, pdf, font, widths, compress, reference, pdf_version
        )
        glyphs = font.__dict__.get("exact_text_glyphs")
        if glyphs:
            number = int(font_dictionary["DescendantFonts"][0].split()[0])
            pdf.objects[number]["CIDToGIDMap"] = _cid_to_gid_map(pdf, font, glyphs, compress)

    return patched


def _cid_to_gid_map(pdf, font, glyphs, compress):
    """Glyph ids as CIDs, each alias CID pointing at its glyph (PDF 32000 9.7.4.2)."""
    import pydyf

    gids = bytearray()
    for cid in range(max(glyphs) + 1):
        gid = glyphs.get(cid, cid if cid < font.glyph_count else 0)
        gids += gid.to_bytes(2, "big")
    stream = pydyf.Stream([bytes(gids)], compress=compress)
    pdf.add_object(stream)
    return stream.reference
