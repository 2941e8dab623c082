"""Picture files for the tests, with the metadata photo desks and phones write into them."""

import io
import struct

from PIL import Image

from newsdesk.images import metadata

LATITUDE = (55.0, 45.0, 21.06)

XMP_TEMPLATE = """<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about=""
  xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"
  xmlns:xmpRights="http://ns.adobe.com/xap/1.0/rights/"
  xmlns:exif="http://ns.adobe.com/exif/1.0/"
  xmlns:Iptc4xmpCore="http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/"
  photoshop:Credit="{credit}" photoshop:Source="{source}" photoshop:City="Moscow"
  exif:GPSLatitude="55,45.351N" exif:GPSLongitude="37,37.003E"
  xmpRights:WebStatement="{licence}">
 <dc:creator><rdf:Seq><rdf:li>{creator}</rdf:li></rdf:Seq></dc:creator>
 <dc:rights><rdf:Alt><rdf:li xml:lang="x-default">{rights}</rdf:li></rdf:Alt></dc:rights>
 <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{caption}</rdf:li></rdf:Alt></dc:description>
 <Iptc4xmpCore:AltTextAccessibility><rdf:Alt>
  <rdf:li xml:lang="x-default">{alt}</rdf:li>
 </rdf:Alt></Iptc4xmpCore:AltTextAccessibility>
 <Iptc4xmpCore:Location>Red Square</Iptc4xmpCore:Location>
</rdf:Description></rdf:RDF></x:xmpmeta>
<?xpacket end="w"?>"""


def plain(size=(640, 480), colour=(40, 90, 160), image_format="JPEG"):
    picture = Image.new("RGB", size, colour)
    # Detail in the corners, so a crop is visible in a rendition.
    for x in range(0, size[0], 8):
        picture.putpixel((x, 0), (255, 255, 0))
        picture.putpixel((x, size[1] - 1), (255, 255, 0))
    out = io.BytesIO()
    picture.save(out, image_format)
    return out.getvalue()


def with_exif(artist="", copyright_notice="", description="", gps=False, base=None):
    picture = Image.open(io.BytesIO(base or plain()))
    exif = Image.Exif()
    if artist:
        exif[0x013B] = artist
    if copyright_notice:
        exif[0x8298] = copyright_notice
    if description:
        exif[0x010E] = description
    if gps:
        position = exif.get_ifd(metadata.GPS_IFD)
        position[1] = "N"
        position[2] = LATITUDE
        position[3] = "E"
        position[4] = (37.0, 37.0, 2.0)
    out = io.BytesIO()
    picture.save(out, "JPEG", exif=exif, quality=92)
    return out.getvalue()


def with_xmp(data=None, **values):
    defaults = {
        "creator": "Xmp Creator",
        "credit": "Xmp Agency",
        "source": "Xmp Source",
        "rights": "© 2025 Xmp Creator",
        "caption": "Caption from XMP.",
        "alt": "Alt text from XMP.",
        "licence": "https://creativecommons.org/licenses/by-sa/4.0/deed.en",
    }
    packet = XMP_TEMPLATE.format(**{**defaults, **values}).encode()
    return _insert(data or plain(), 0xE1, metadata.XMP_HEADER + packet)


def with_iptc(data=None, **values):
    numbers = {
        "byline": 80,
        "credit": 110,
        "source": 115,
        "copyright": 116,
        "caption": 120,
        "city": 90,
        "country": 101,
    }
    body = b"".join(
        metadata._iim_dataset(2, numbers[name], value.encode()) for name, value in values.items()
    )
    resource = metadata._photoshop_resource(metadata.IPTC_RESOURCE, b"", body)
    return _insert(data or plain(), 0xED, metadata.PHOTOSHOP_HEADER + resource)


def _insert(data, marker, payload):
    """Insert a segment after SOI (and after APP0, where readers look first)."""
    position = 2
    if data[2:4] == b"\xff\xe0":
        (length,) = struct.unpack(">H", data[4:6])
        position = 4 + length
    return data[:position] + metadata._segment(marker, payload) + data[position:]


def has_gps(data):
    """Whether any metadata block of the file holds a position or a place name."""
    picture = Image.open(io.BytesIO(data))
    if picture.getexif().get_ifd(metadata.GPS_IFD):
        return True
    return any(word in data for word in (b"GPSLatitude", b"Moscow", b"Red Square"))
