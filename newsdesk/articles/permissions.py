"""
Who may edit a story: Wagtail's page permissions, with the byline counted as authorship.

In Wagtail's model the "add" permission lets a user edit the pages they created (they own
them) and "change" lets them edit every page. Reporters have "add" only, so they edit
their own stories; a story is also theirs when they are on its byline (their login is
linked to one of its authors), whoever created it. Editors have "change".
"""

from wagtail.models import PagePermissionTester

from newsdesk.people.models import Author


class StoryPermissionTester(PagePermissionTester):
    def can_edit(self):
        if super().can_edit():
            return True
        return bool(self.user.is_active and "add" in self.permissions and self.is_bylined())

    def is_bylined(self):
        author_ids = [link.author_id for link in self.page.article_authors.all()]
        if not author_ids:
            return False
        return Author.objects.filter(pk__in=author_ids, user=self.user).exists()
