"""Creating a topic from the desk checks' offer, without leaving the story."""

from django.http import JsonResponse
from django.views.decorators.http import require_POST

from .models import Topic

NAME_LIMIT = 255


@require_POST
def quick_create(request):
    """
    Make (or find) the topic named ``name`` and answer ``{id, name, created}``; the editor's
    page then ticks it in the story's Topics field. Only users who may add topics.
    """
    if not request.user.has_perm("topics.add_topic"):
        return JsonResponse({"error": "Only editors may create topics."}, status=403)
    name = " ".join(request.POST.get("name", "").split())
    if not name:
        return JsonResponse({"error": "Give the topic a name."}, status=400)
    if len(name) > NAME_LIMIT:
        return JsonResponse(
            {"error": f"Keep a topic's name under {NAME_LIMIT} characters."}, status=400
        )
    if any(c in name for c in "<>{}") or not any(c.isalnum() for c in name):
        return JsonResponse(
            {"error": "A topic's name is words: no markup or symbols alone."}, status=400
        )
    topic, created = Topic.for_name(name)
    return JsonResponse(
        {"id": topic.pk, "name": topic.name, "created": created}, status=201 if created else 200
    )
