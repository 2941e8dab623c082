"""
The licences a newsroom publishes photos under, and what each one asks of the publisher.

Creative Commons deeds and their terms follow creativecommons.org/licenses/; the short
names ("CC BY 4.0") are the ones Creative Commons recommends in attributions.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Licence:
    code: str
    name: str
    url: str = ""
    requires_attribution: bool = True
    allows_derivatives: bool = True
    allows_commercial_use: bool = True


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
            "https://creativecommons.org/publicdomain/zero/1.0/",
            requires_attribution=False,
        ),
        Licence(
            "public-domain",
            "Public domain",
            "https://creativecommons.org/publicdomain/mark/1.0/",
            requires_attribution=False,
        ),
        Licence("staff", "All rights reserved", allows_derivatives=True),
        Licence("permission", "Used with permission", allows_derivatives=False),
        Licence("agency", "Agency", allows_derivatives=False),
    )
}

CHOICES = [(licence.code, licence.name) for licence in LICENCES.values()]
