from asgiref.sync import sync_to_async
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied

from inpud_site.abuse import client_address
from inpud_site.accounts import throttle


class ThrottledModelBackend(ModelBackend):
    """Django's username and password check behind the sign-in throttle.

    Throttling here rather than in a form covers every way in: the admin's login
    page and any later one. A refused attempt raises PermissionDenied, which
    `authenticate()` reports as a failure without asking any other backend.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD)
        if username is None or password is None:
            return None
        address = client_address(request) if request is not None else ""
        if not throttle.reserve(username, address):
            raise PermissionDenied
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is not None:
            throttle.release(username, address)
        return user

    async def aauthenticate(self, request, username=None, password=None, **kwargs):
        return await sync_to_async(self.authenticate)(
            request, username=username, password=password, **kwargs
        )
