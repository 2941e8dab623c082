"""
The licences a newsroom publishes photos under, and what each one asks of the publisher.

Creative Commons deeds and their terms follow creativecommons.org/licenses/; the short
names ("CC BY 4.0") are the ones Creative Commons recommends in attributions.
"""

from dataclasses import dataclass

CREATIVE_COMMONS = "cc"
DEDICATED = "public"
STAFF = "staff"
PERMISSION = "permission"
AGENCY = "agency"


@dataclass(frozen=True)
class Licence:
    code: str
    name: str
    family: str
    url: str = ""
    requires_attribution: bool = True
    allows_derivatives: bool = True
    allows_commercial_use: bool = True

    @property
    def credit_label(self):
        """
        How the licence reads in a credit line: "CC BY 4.0", "used with permission".
        Staff pictures carry only the photographer's name; an agency's name stands in
        for the licence and comes from the image.
        """
        if self.family == STAFF:
            return ""
        if self.family == PERMISSION:
            return "used with permission"
        return self.name


CC_VERSIONS = ("2.0", "2.5", "3.0", "4.0")
CC_VARIANTS = {
    # code: (derivatives allowed, commercial use allowed)
    "by": (True, True),
    "by-sa": (True, True),
    "by-nd": (False, True),
    "by-nc": (True, False),
    "by-nc-sa": (True, False),
    "by-nc-nd": (False, False),
}


def _creative_commons():
    for variant, (derivatives, commercial) in CC_VARIANTS.items():
        for version in CC_VERSIONS:
            yield Licence(
                code=f"cc-{variant}-{version}",
                name=f"CC {variant.upper()} {version}",
                family=CREATIVE_COMMONS,
                url=f"https://creativecommons.org/licenses/{variant}/{version}/",
                allows_derivatives=derivatives,
                allows_commercial_use=commercial,
            )


LICENCES = {
    licence.code: licence
    for licence in (
        *_creative_commons(),
        Licence(
            "cc0-1.0",
            "CC0 1.0",
            DEDICATED,
            "https://creativecommons.org/publicdomain/zero/1.0/",
            requires_attribution=False,
        ),
        Licence(
            "public-domain",
            "Public domain",
            DEDICATED,
            "https://creativecommons.org/publicdomain/mark/1.0/",
            requires_attribution=False,
        ),
        Licence("staff", "Staff (all rights reserved)", STAFF),
        # What a contributor or agency allows is in their terms, not in a public deed:
        # newsdesk assumes the picture is to run as supplied.
        Licence("permission", "Used with permission", PERMISSION, allows_derivatives=False),
        Licence("agency", "Agency or wire", AGENCY, allows_derivatives=False),
    )
}

CHOICES = [(licence.code, licence.name) for licence in LICENCES.values()]


def from_url(url):
    """
    The licence a deed URL names, as embedded pictures state it (XMP's WebStatement or
    cc:license): "https://creativecommons.org/licenses/by-sa/4.0/deed.en" is CC BY-SA 4.0.
    """
    if not url:
        return None
    normalised = url.strip().lower().replace("http://", "https://").split("?")[0] + "/"
    for licence in LICENCES.values():
        if licence.url and normalised.startswith(licence.url):
            return licence
    return None
