"""
The live-update box on a story's edit view: post an update without leaving the story,
as the signed-in editor, with the live desk one click away. Drawn only for a saved story
whose user may post updates or manage its coverage.
"""

from wagtail.admin.panels import Panel

from newsdesk.people.models import Author

from . import coverage, reading


class LiveUpdateBoxPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "live/admin/editor_box.html"

        def is_shown(self):
            page = self.instance
            if page.pk is None or not page.live:
                return False
            user = self.request.user
            return coverage.may_add_updates(user, page) or coverage.may_manage_coverage(user, page)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            page, user = self.instance, self.request.user
            state = reading.coverage_of(page)
            context.update(
                story=page,
                coverage=state,
                is_live=state is not None and state.is_live,
                may_add=coverage.may_add_updates(user, page),
                author=Author.objects.filter(user=user).first(),
                count=page.live_updates.count() if state is not None else 0,
            )
            return context


def add_live_box(model):
    """Put the box at the top of ``model``'s content tab, under the desk checks."""
    panels = list(model.content_panels)
    if any(isinstance(p, LiveUpdateBoxPanel) for p in panels):
        return
    at = 1 if panels and panels[0].__class__.__name__ == "ChecksPanel" else 0
    panels.insert(at, LiveUpdateBoxPanel(heading="Live update"))
    model.content_panels = panels
