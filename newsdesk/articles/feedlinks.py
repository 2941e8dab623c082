from django.urls import reverse


def feed_links(request, kind="site", slug=None):
    """The feeds to announce on a page: the site's, and the listing's own where it has one."""
    links = [("Latest stories", reverse("feed_rss"), reverse("feed_atom"))]
    if kind != "site":
        links.append(
            (
                "This " + kind,
                reverse(f"{kind}_feed_rss", args=[slug]),
                reverse(f"{kind}_feed_atom", args=[slug]),
            )
        )
    return links
