from wagtail.search import index

from .related import forget, held_back, refresh_related


def refresh_related_on_publish(sender, instance, **kwargs):
    # Bylines and topics are saved after the page row, so the index Wagtail updated on
    # save may have missed them; index the story as published before relating it.
    index.insert_or_update_object(instance)
    if not held_back(instance.pk):
        refresh_related.enqueue(instance.pk)


def forget_related_on_unpublish(sender, instance, **kwargs):
    forget(instance)
