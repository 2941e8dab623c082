from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    """
    The newsroom's logins. A custom model from the first migration, so fields can be
    added later without swapping the user model under existing data.
    """

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        verbose_name = "user"
        verbose_name_plural = "users"
