from wagtail.blocks import StreamValue
from wagtail.rich_text import RichText

from newsdesk.core.forms import BasePageForm


class ArticlePageForm(BasePageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        page = self.instance
        # "Significant update" describes the change in this draft; once that draft is live,
        # the next edit starts unmarked so a typo fix never moves the "Updated" time.
        if not self.is_bound and page.live and page.live_revision_id == page.latest_revision_id:
            self.initial["significant_update"] = False
        # A new story opens with a paragraph to type or paste into, not an empty list of
        # block types.
        if not self.is_bound and page.pk is None and not page.body:
            stream_block = page._meta.get_field("body").stream_block
            self.initial["body"] = StreamValue(stream_block, [("paragraph", RichText(""))])
