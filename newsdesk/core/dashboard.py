"""
The admin's home page as a newsroom's desk: panels that apps add through Wagtail's
``construct_homepage_panels`` hook (articles: start a story, my drafts, waiting for my
review, scheduled, recently published; live: live now; comments: waiting).

Each panel is a list of rows, each a link with a few words beside it; a panel with no
rows says so in one line rather than disappearing, so an editor learns where things
will appear.
"""

from dataclasses import dataclass, field

from wagtail.admin.ui.components import Component


@dataclass
class Row:
    title: str
    url: str
    notes: list = field(default_factory=list)
    # (text, url) pairs shown after the notes: "Review", "Live desk".
    actions: list = field(default_factory=list)
    # "error"/"warning" counts and the like, shown as Wagtail status tags.
    tags: list = field(default_factory=list)


class DeskPanel(Component):
    """One panel of the desk: ``rows`` made by ``make_rows(request)`` when it is shown."""

    template_name = "core/dashboard_panel.html"

    def __init__(self, name, heading, order, make_rows, empty, more=None):
        self.name, self.heading, self.order = name, heading, order
        self.make_rows, self.empty, self.more = make_rows, empty, more

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context.update(
            {
                "panel_id": f"desk-{self.name}",
                "heading": self.heading,
                "rows": self.make_rows(parent_context["request"]),
                "empty": self.empty,
                "more": self.more,
            }
        )
        return context


def replace(panels, names, *new):
    """Drop Wagtail's panels named ``names`` (ours say the same with more) and add ``new``."""
    panels[:] = [panel for panel in panels if getattr(panel, "name", "") not in names]
    panels.extend(new)
