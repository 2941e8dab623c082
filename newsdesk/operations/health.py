"""
Health endpoints for load balancers and orchestrators.

``/healthz`` says the process answers (no database, cache or storage touched), for a
liveness probe. ``/readyz`` says whether this instance can serve pages: it asks the
database, the cache and the media storage, and answers 503 with which one failed, for a
readiness probe or a load balancer's health check.
"""

import time
import uuid

from django.core.cache import caches
from django.core.files.storage import default_storage
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@never_cache
@require_GET
def healthz(request):
    return HttpResponse("ok\n", content_type="text/plain")


def _database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _cache():
    # Every cache: the page cache may live elsewhere than the default one.
    for cache in caches.all():
        key = f"newsdesk:readyz:{uuid.uuid4().hex}"
        cache.set(key, "1", 10)
        if cache.get(key) != "1":
            raise RuntimeError("a cache did not return what was stored")
        cache.delete(key)


def _storage():
    # A lookup, not a write: it proves the storage answers without leaving files behind.
    default_storage.exists("newsdesk-readyz-probe")


CHECKS = {"database": _database, "cache": _cache, "storage": _storage}


@never_cache
@require_GET
def readyz(request):
    results, ready = {}, True
    for name, probe in CHECKS.items():
        started = time.perf_counter()
        try:
            probe()
        except Exception as error:  # noqa: BLE001  (any failure means not ready)
            ready = False
            # The kind of failure only: details may hold addresses or credentials.
            results[name] = {"ok": False, "error": type(error).__name__}
        else:
            results[name] = {"ok": True, "ms": round((time.perf_counter() - started) * 1000, 1)}
    return JsonResponse({"ready": ready, "checks": results}, status=200 if ready else 503)
