"""S3-compatible media storage that tells the bucket (and a CDN before it) what to keep."""

from storages.backends.s3 import S3Storage

from .storage import cache_control_for


class MediaStorage(S3Storage):
    def get_object_parameters(self, name):
        parameters = super().get_object_parameters(name)
        control = cache_control_for(name)
        if control:
            parameters.setdefault("CacheControl", control)
        return parameters
