from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "newsdesk.core"
    label = "core"
    verbose_name = "newsdesk core"

    def ready(self):
        from django.db.models.signals import post_migrate, post_save
        from wagtail.models import Site
        from wagtail.signals import (
            page_published,
            page_slug_changed,
            page_unpublished,
            post_page_move,
        )

        from . import pagination, purging
        from .models import NewsroomSettings
        from .signal_handlers import (
            announce_publication,
            announce_unpublication,
            refresh_sqlite_statistics,
        )
        from .signals import page_changed

        page_published.connect(refresh_sqlite_statistics, dispatch_uid="newsdesk-sqlite-analyze")
        page_published.connect(announce_publication, dispatch_uid="newsdesk-page-changed")
        page_unpublished.connect(announce_unpublication, dispatch_uid="newsdesk-page-changed")
        post_migrate.connect(refresh_sqlite_statistics, sender=self)
        page_changed.connect(purging.purge_on_change, dispatch_uid="newsdesk-purge")
        page_changed.connect(pagination.forget_counts_on_change, dispatch_uid="newsdesk-counts")
        post_page_move.connect(
            lambda **kwargs: pagination.forget_counts(), weak=False, dispatch_uid="newsdesk-counts"
        )
        page_slug_changed.connect(purging.purge_after_slug_change, dispatch_uid="newsdesk-purge")
        post_page_move.connect(purging.purge_after_move, dispatch_uid="newsdesk-purge")
        from django.db.models.signals import post_delete
        from wagtail.models import PageViewRestriction

        from . import restrictions

        for signal in (post_save, post_delete):
            signal.connect(restrictions.forget, sender=PageViewRestriction, dispatch_uid="newsdesk")
        for model in (NewsroomSettings, Site):
            post_save.connect(purging.purge_site, sender=model, dispatch_uid="newsdesk-purge")
        from wagtail.models import PageLogEntry

        from . import history

        post_save.connect(history.one_line_per_draft, sender=PageLogEntry, dispatch_uid="newsdesk")
        _refuse_control_characters_in_admin_forms()


def _refuse_control_characters_in_admin_forms():
    """
    Every text field of every Wagtail admin form (pages, snippets, images, settings, the
    live desk) refuses control characters (``core.text``). Wagtail's own override for plain
    text areas is kept: registering one for a class replaces the previous one.
    """
    from django.db import models
    from wagtail.admin.forms.models import register_form_field_override
    from wagtail.admin.widgets import AdminAutoHeightTextInput
    from wagtail.fields import RichTextField

    from .text import validate_text

    register_form_field_override(models.CharField, override={"validators": [validate_text]})
    register_form_field_override(
        models.TextField,
        override={"widget": AdminAutoHeightTextInput, "validators": [validate_text]},
        exact_class=True,
    )
    register_form_field_override(RichTextField, override={"validators": [validate_text]})
