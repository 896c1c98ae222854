"""The package parts every Decree 30 document shares: styles, settings, relationships,
headers with the page number, footnote separators. Small on purpose: a template saved
with python-docx's default styles costs milliseconds per document to deflate."""

from __future__ import annotations

from .wordml import FONT, R_NS, W_NS, empty_header, page_number_header

XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
PR_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MAIN_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml"
FOOTNOTES_REL = f"{OFFICE_REL}/footnotes"
FOOTNOTES_CT = f"{MAIN_CT}.footnotes+xml"

_FONTS = f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>'


def styles_xml() -> str:
    # Times New Roman on all four rFonts channels, in the defaults and in Normal, so
    # Word never falls back to a theme font for Vietnamese (cs/eastAsia) text.
    return (XML_DECL + f'<w:styles xmlns:w="{W_NS}">'
            '<w:docDefaults><w:rPrDefault><w:rPr>' + _FONTS +
            '<w:color w:val="000000"/><w:sz w:val="28"/><w:szCs w:val="28"/>'
            '<w:lang w:val="vi-VN" w:eastAsia="vi-VN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>'
            '<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
            '</w:pPrDefault></w:docDefaults>'
            '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
            '<w:qFormat/><w:rPr>' + _FONTS + '<w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr></w:style>'
            '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
            '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>'
            '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
            '<w:semiHidden/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar>'
            '<w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
            '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>'
            '<w:style w:type="paragraph" w:styleId="FootnoteText"><w:name w:val="footnote text"/>'
            '<w:basedOn w:val="Normal"/><w:pPr><w:jc w:val="both"/></w:pPr>'
            '<w:rPr><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr></w:style>'
            '<w:style w:type="character" w:styleId="FootnoteReference"><w:name w:val="footnote reference"/>'
            '<w:basedOn w:val="DefaultParagraphFont"/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>'
            '<w:style w:type="paragraph" w:styleId="Caption"><w:name w:val="caption"/>'
            '<w:basedOn w:val="Normal"/><w:pPr><w:jc w:val="center"/></w:pPr>'
            '<w:rPr><w:i/><w:iCs/><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr></w:style>'
            '</w:styles>')


def settings_xml() -> str:
    return (XML_DECL + f'<w:settings xmlns:w="{W_NS}"><w:defaultTabStop w:val="720"/>'
            '<w:characterSpacingControl w:val="doNotCompress"/>'
            '<w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>'
            '<w:compat><w:compatSetting w:name="compatibilityMode" '
            'w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>')


def footnotes_xml(notes_xml: str = "") -> str:
    return (XML_DECL + f'<w:footnotes xmlns:w="{W_NS}" xmlns:r="{R_NS}">'
            '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
            'w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
            '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" '
            'w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
            f'{notes_xml}</w:footnotes>')


def core_xml(title: str = "", creator: str = "", stamp: str = "2024-01-01T00:00:00Z") -> str:
    from xml.sax.saxutils import escape

    return (XML_DECL + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
            'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f'<dc:title>{escape(title)}</dc:title><dc:creator>{escape(creator)}</dc:creator>'
            f'<cp:lastModifiedBy>{escape(creator)}</cp:lastModifiedBy><cp:revision>1</cp:revision>'
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified></cp:coreProperties>')


def app_xml() -> str:
    return (XML_DECL + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
            'extended-properties"><Application>cchc-docs</Application></Properties>')


def content_types(extra_headers: int = 0) -> str:
    overrides = {
        "/word/document.xml": f"{MAIN_CT}.document.main+xml",
        "/word/styles.xml": f"{MAIN_CT}.styles+xml",
        "/word/settings.xml": f"{MAIN_CT}.settings+xml",
        "/word/footnotes.xml": FOOTNOTES_CT,
        "/word/header1.xml": f"{MAIN_CT}.header+xml",
        "/word/header2.xml": f"{MAIN_CT}.header+xml",
        "/docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
        "/docProps/app.xml": "application/vnd.openxmlformats-officedocument.extended-properties+xml",
    }
    for k in range(extra_headers):
        overrides[f"/word/header{3 + k}.xml"] = f"{MAIN_CT}.header+xml"
    body = "".join(f'<Override PartName="{p}" ContentType="{t}"/>' for p, t in overrides.items())
    return (XML_DECL + f'<Types xmlns="{CT_NS}">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Default Extension="png" ContentType="image/png"/>'
            f'{body}</Types>')


def package_rels() -> str:
    return (XML_DECL + f'<Relationships xmlns="{PR_NS}">'
            f'<Relationship Id="rId1" Type="{OFFICE_REL}/officeDocument" Target="word/document.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/'
            'metadata/core-properties" Target="docProps/core.xml"/>'
            f'<Relationship Id="rId3" Type="{OFFICE_REL}/extended-properties" Target="docProps/app.xml"/>'
            '</Relationships>')


def document_rels(extra: dict[str, tuple[str, str]] | None = None) -> str:
    rels = {
        "rIdStyles": ("styles", "styles.xml"),
        "rIdSettings": ("settings", "settings.xml"),
        "rIdFootnotes": ("footnotes", "footnotes.xml"),
        "rIdHeader1": ("header", "header1.xml"),
        "rIdHeader2": ("header", "header2.xml"),
    }
    rels.update(extra or {})
    body = "".join(f'<Relationship Id="{i}" Type="{OFFICE_REL}/{t}" Target="{target}"/>'
                   for i, (t, target) in rels.items())
    return XML_DECL + f'<Relationships xmlns="{PR_NS}">{body}</Relationships>'


def parts(document_xml: str, extra_parts: dict[str, bytes] | None = None,
          extra_rels: dict[str, tuple[str, str]] | None = None, extra_headers: int = 0) -> dict[str, bytes]:
    """A complete package around `document_xml`; header1 numbers pages, header2 (page 1) is empty."""
    out = {
        "[Content_Types].xml": content_types(extra_headers).encode(),
        "_rels/.rels": package_rels().encode(),
        "docProps/core.xml": core_xml().encode(),
        "docProps/app.xml": app_xml().encode(),
        "word/document.xml": document_xml.encode(),
        "word/_rels/document.xml.rels": document_rels(extra_rels).encode(),
        "word/styles.xml": styles_xml().encode(),
        "word/settings.xml": settings_xml().encode(),
        "word/footnotes.xml": footnotes_xml().encode(),
        "word/header1.xml": page_number_header().encode(),
        "word/header2.xml": empty_header().encode(),
    }
    out.update(extra_parts or {})
    return out
