"""
A picture's rights as structured data: the licence, credit and creator Google Images and
other readers of schema.org ``ImageObject`` look for. Pages that describe their pictures
in JSON-LD (the articles app's) add these to each ImageObject.
"""

from newsdesk.core.absolute import absolute

from . import licences


def image_rights(image, request):
    """``creditText``, ``creator``, ``copyrightNotice``, ``license`` and ``acquireLicensePage``."""
    rights = {}
    credit = image.attribution
    if credit:
        rights["creditText"] = credit
    creator = image.agency if image.licence == "agency" and not image.creator else image.creator
    if creator:
        rights["creator"] = {
            "@type": "Organization" if creator == image.agency else "Person",
            "name": creator,
            **({"url": image.source_url} if image.source_url else {}),
        }
    if image.copyright_notice:
        rights["copyrightNotice"] = image.copyright_notice
    if image.licence_link:
        rights["license"] = image.licence_link
    licence = image.licence_info
    if image.source_url:
        rights["acquireLicensePage"] = image.source_url
    elif licence and licence.family == licences.STAFF:
        rights["acquireLicensePage"] = absolute(request, "/")
    return rights
