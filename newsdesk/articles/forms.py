from newsdesk.core.forms import BasePageForm


class ArticlePageForm(BasePageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        page = self.instance
        # "Significant update" describes the change in this draft; once that draft is live,
        # the next edit starts unmarked so a typo fix never moves the "Updated" time.
        if not self.is_bound and page.live and page.live_revision_id == page.latest_revision_id:
            self.initial["significant_update"] = False
