"""
What a picture file says about itself: rights to prefill, location to remove.

Photo desks and agencies write the creator, credit, copyright notice and caption into
the file, in up to three places: IPTC IIM (Photoshop's APP13 block), XMP and EXIF.
:func:`read_rights` reads all three, preferring XMP, then IPTC, then EXIF, as the IPTC
Photo Metadata Standard advises.

Originals are public files, so a phone's GPS position must not stay in them.
:func:`strip_location` removes GPS and place names from EXIF, IPTC and XMP. JPEGs are
edited segment by segment, so the picture itself is not re-encoded; other formats are
saved again without their location data.
"""

import io
import struct

from lxml import etree
from PIL import Image

XMP_HEADER = b"http://ns.adobe.com/xap/1.0/\x00"
EXIF_HEADER = b"Exif\x00\x00"
PHOTOSHOP_HEADER = b"Photoshop 3.0\x00"
GPS_IFD = 0x8825
EXIF_TAGS = {"creator": 0x013B, "copyright_notice": 0x8298, "default_caption": 0x010E}

# IPTC IIM datasets of record 2.
IPTC_TEXT = {
    "work_title": 5,  # Object Name
    "creator": 80,  # By-line
    "credit_line": 110,  # Credit
    "source_name": 115,  # Source
    "copyright_notice": 116,  # Copyright Notice
    "default_caption": 120,  # Caption/Abstract
}
IPTC_LOCATION = {26, 27, 90, 92, 95, 100, 101}  # location code/name, city … country
IPTC_RESOURCE = 0x0404
IPTC_DIGEST_RESOURCE = 0x0425  # an MD5 of the IPTC block, stale once it changes

NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "photoshop": "http://ns.adobe.com/photoshop/1.0/",
    "xmpRights": "http://ns.adobe.com/xap/1.0/rights/",
    "cc": "http://creativecommons.org/ns#",
    "Iptc4xmpCore": "http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/",
    "Iptc4xmpExt": "http://iptc.org/std/Iptc4xmpExt/2008-02-29/",
    "exif": "http://ns.adobe.com/exif/1.0/",
}
XMP_LOCATION = {
    (NS["photoshop"], "City"),
    (NS["photoshop"], "State"),
    (NS["photoshop"], "Country"),
    (NS["Iptc4xmpCore"], "Location"),
    (NS["Iptc4xmpCore"], "CountryCode"),
    (NS["Iptc4xmpExt"], "LocationCreated"),
    (NS["Iptc4xmpExt"], "LocationShown"),
}

# No DTDs, entities or network: XMP comes from whoever made the file.
_XML_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, recover=False
)


# Reading


def read_rights(data):
    """
    The rights fields a picture's embedded metadata fills, by image field name:
    ``creator``, ``credit_line``, ``source_name``, ``copyright_notice``,
    ``default_caption``, ``work_title``, ``description`` (IPTC alt text) and
    ``licence_url``. Unreadable metadata gives what could be read, never an error.
    """
    found = {}
    try:
        image = Image.open(io.BytesIO(data))
    except Exception:  # noqa: BLE001  (not a picture Pillow reads: nothing to prefill)
        return found
    for source in (_xmp_rights(image), _iptc_rights(image, data), _exif_rights(image)):
        for field, value in source.items():
            value = " ".join(str(value).split())
            if value and field not in found:
                found[field] = value
    return found


def _exif_rights(image):
    try:
        exif = image.getexif()
    except Exception:  # noqa: BLE001
        return {}
    return {field: exif.get(tag) or "" for field, tag in EXIF_TAGS.items()}


def _iptc_rights(image, data):
    if image.format != "JPEG":
        return {}
    datasets = {}
    for segment in _jpeg_segments(data):
        if segment.marker == 0xED and segment.payload.startswith(PHOTOSHOP_HEADER):
            for resource_id, _name, body in _photoshop_resources(segment.payload):
                if resource_id == IPTC_RESOURCE:
                    for record, number, value in _iim_datasets(body):
                        if record == 2:
                            datasets.setdefault(number, value)
    return {
        field: _iim_text(datasets[number])
        for field, number in IPTC_TEXT.items()
        if number in datasets
    }


def _iim_text(value):
    try:
        return value.decode("utf-8")
    except UnicodeDecodeError:
        return value.decode("latin-1")


def _xmp_root(image):
    packet = image.info.get("xmp") or image.info.get("XML:com.adobe.xmp")
    if not packet:
        return None
    if isinstance(packet, str):
        packet = packet.encode("utf-8")
    try:
        return etree.fromstring(packet.strip(b"\x00 \r\n\t"), _XML_PARSER)
    except etree.XMLSyntaxError:
        return None


def _xmp_rights(image):
    root = _xmp_root(image)
    if root is None:
        return {}

    def first(prefix, name):
        qualified = f"{{{NS[prefix]}}}{name}"
        for description in root.iter(f"{{{NS['rdf']}}}Description"):
            if qualified in description.attrib:
                return description.attrib[qualified]
        for element in root.iter(qualified):
            items = element.findall(f".//{{{NS['rdf']}}}li")
            if items:
                # dc:creator lists every creator; language alternatives start with x-default.
                if element.find(f"{{{NS['rdf']}}}Seq") is not None:
                    return ", ".join((item.text or "").strip() for item in items)
                return (items[0].text or "").strip()
            resource = element.get(f"{{{NS['rdf']}}}resource")
            return resource or (element.text or "").strip()
        return ""

    return {
        "creator": first("dc", "creator"),
        "credit_line": first("photoshop", "Credit"),
        "source_name": first("photoshop", "Source"),
        "copyright_notice": first("dc", "rights"),
        "default_caption": first("dc", "description"),
        "work_title": first("dc", "title"),
        "description": first("Iptc4xmpCore", "AltTextAccessibility"),
        "licence_url": first("xmpRights", "WebStatement") or first("cc", "license"),
    }


# Location


def has_location(data):
    """Whether the file holds a GPS position or place names."""
    return strip_location(data) is not None


def strip_location(data):
    """
    The file without GPS and place names, or ``None`` when it holds none.
    Everything else (rights, colour profile, orientation) is kept.
    """
    try:
        image = Image.open(io.BytesIO(data))
        image_format = image.format
    except Exception:  # noqa: BLE001  (the upload checks reject what Pillow cannot open)
        return None
    if image_format == "JPEG":
        return _strip_jpeg(data)
    return _strip_other(image)


class _Segment:
    __slots__ = ("marker", "payload", "raw")

    def __init__(self, marker, payload, raw):
        self.marker = marker
        self.payload = payload
        self.raw = raw


def _jpeg_segments(data):
    """The marker segments before the image data; the last item holds the rest verbatim."""
    position = 2  # after SOI
    while position < len(data):
        if data[position] != 0xFF:
            break
        while position < len(data) and data[position] == 0xFF:
            position += 1  # fill bytes
        if position >= len(data):
            break
        marker = data[position]
        start = position - 1
        position += 1
        if marker == 0xD9 or 0xD0 <= marker <= 0xD7 or marker == 0x01:
            yield _Segment(marker, b"", data[start:position])
            continue
        if position + 2 > len(data):
            break
        (length,) = struct.unpack(">H", data[position : position + 2])
        payload = data[position + 2 : position + length]
        if marker == 0xDA:  # start of scan: the rest of the file is picture data
            yield _Segment(marker, None, data[start:])
            return
        yield _Segment(marker, payload, data[start : position + length])
        position += length
    if position < len(data):
        yield _Segment(None, None, data[position:])


def _segment(marker, payload):
    return bytes([0xFF, marker]) + struct.pack(">H", len(payload) + 2) + payload


def _strip_jpeg(data):
    changed = False
    out = [data[:2]]
    for segment in _jpeg_segments(data):
        replacement = segment.raw
        if segment.marker == 0xE1 and segment.payload.startswith(EXIF_HEADER):
            cleaned = _strip_exif(segment.payload)
            if cleaned is not None:
                replacement = _segment(0xE1, cleaned)
        elif segment.marker == 0xE1 and segment.payload.startswith(XMP_HEADER):
            cleaned = _strip_xmp(segment.payload[len(XMP_HEADER) :])
            if cleaned is not None:
                replacement = _segment(0xE1, XMP_HEADER + cleaned)
        elif segment.marker == 0xED and segment.payload.startswith(PHOTOSHOP_HEADER):
            cleaned = _strip_photoshop(segment.payload)
            if cleaned is not None:
                replacement = _segment(0xED, cleaned)
        changed = changed or replacement is not segment.raw
        out.append(replacement)
    return b"".join(out) if changed else None


def _strip_exif(payload):
    exif = Image.Exif()
    exif.load(payload)
    if GPS_IFD not in exif and not exif.get_ifd(GPS_IFD):
        return None
    exif.get_ifd(GPS_IFD).clear()
    exif._ifds.pop(GPS_IFD, None)  # noqa: SLF001  (Pillow writes every IFD it has loaded)
    del exif[GPS_IFD]
    return exif.tobytes()


def _strip_xmp(packet):
    try:
        root = etree.fromstring(packet.strip(b"\x00 \r\n\t"), _XML_PARSER)
    except etree.XMLSyntaxError:
        return None
    removed = False
    for element in list(root.iter()):
        for name in list(element.attrib):
            qname = etree.QName(name)
            if _is_xmp_location(qname):
                del element.attrib[name]
                removed = True
        if isinstance(element.tag, str) and _is_xmp_location(etree.QName(element.tag)):
            element.getparent().remove(element)
            removed = True
    if not removed:
        return None
    return etree.tostring(root, encoding="utf-8")


def _is_xmp_location(qname):
    if qname.namespace == NS["exif"] and qname.localname.startswith("GPS"):
        return True
    return (qname.namespace, qname.localname) in XMP_LOCATION


def _photoshop_resources(payload):
    """(id, name, body) of each 8BIM resource in a Photoshop APP13 block."""
    position = len(PHOTOSHOP_HEADER)
    while position + 12 <= len(payload) and payload[position : position + 4] == b"8BIM":
        (resource_id,) = struct.unpack(">H", payload[position + 4 : position + 6])
        name_length = payload[position + 6]
        name_size = name_length + 1 + ((name_length + 1) % 2)  # padded to even
        name = payload[position + 7 : position + 7 + name_length]
        size_at = position + 6 + name_size
        (size,) = struct.unpack(">I", payload[size_at : size_at + 4])
        body = payload[size_at + 4 : size_at + 4 + size]
        yield resource_id, name, body
        position = size_at + 4 + size + (size % 2)


def _photoshop_resource(resource_id, name, body):
    name_field = bytes([len(name)]) + name
    if len(name_field) % 2:
        name_field += b"\x00"
    padding = b"\x00" if len(body) % 2 else b""
    return (
        b"8BIM"
        + struct.pack(">H", resource_id)
        + name_field
        + struct.pack(">I", len(body))
        + body
        + padding
    )


def _iim_datasets(body):
    """(record, dataset, value) of each IPTC IIM dataset."""
    position = 0
    while position + 5 <= len(body) and body[position] == 0x1C:
        record, number = body[position + 1], body[position + 2]
        (size,) = struct.unpack(">H", body[position + 3 : position + 5])
        if size & 0x8000:  # extended length: the next (size & 0x7FFF) bytes hold it
            count = size & 0x7FFF
            size = int.from_bytes(body[position + 5 : position + 5 + count], "big")
            start = position + 5 + count
        else:
            start = position + 5
        yield record, number, body[start : start + size]
        position = start + size


def _iim_dataset(record, number, value):
    return bytes([0x1C, record, number]) + struct.pack(">H", len(value)) + value


def _strip_photoshop(payload):
    changed = False
    resources = []
    for resource_id, name, body in _photoshop_resources(payload):
        if resource_id == IPTC_RESOURCE:
            datasets = list(_iim_datasets(body))
            kept = [d for d in datasets if not (d[0] == 2 and d[1] in IPTC_LOCATION)]
            if len(kept) != len(datasets):
                changed = True
                body = b"".join(_iim_dataset(*dataset) for dataset in kept)
        resources.append((resource_id, name, body))
    if not changed:
        return None
    return PHOTOSHOP_HEADER + b"".join(
        _photoshop_resource(*resource)
        for resource in resources
        if resource[0] != IPTC_DIGEST_RESOURCE
    )


def _strip_other(image):
    """PNG, WebP, TIFF…: saved again with EXIF minus GPS and without XMP."""
    exif = image.getexif()
    root = _xmp_root(image)
    xmp_location = root is not None and any(
        _is_xmp_location(etree.QName(name))
        for element in root.iter()
        if isinstance(element.tag, str)
        for name in [element.tag, *element.attrib]
    )
    if not exif.get_ifd(GPS_IFD) and not xmp_location:
        return None
    exif.get_ifd(GPS_IFD).clear()
    exif._ifds.pop(GPS_IFD, None)  # noqa: SLF001
    exif.pop(GPS_IFD, None)
    image_format = image.format
    options = {"exif": exif.tobytes()}
    if image_format == "WEBP":
        options.update(lossless=image.info.get("lossless", False), quality=95)
    if image.info.get("icc_profile"):
        options["icc_profile"] = image.info["icc_profile"]
    frames = getattr(image, "n_frames", 1)
    if frames > 1:
        options.update(save_all=True)
    out = io.BytesIO()
    image.save(out, image_format, **options)
    return out.getvalue()
