import logging
from importlib import import_module

import django_otp
from django.conf import settings
from django.contrib.auth import SESSION_KEY, get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

log = logging.getLogger("inpud_site.accounts")

DATABASE_ENGINES = {
    "django.contrib.sessions.backends.db",
    "django.contrib.sessions.backends.cached_db",
}


class Command(BaseCommand):
    help = gettext_lazy(
        "Remove a user's two-factor devices (authenticator app and recovery codes) and end "
        "their sessions. At their next sign-in they set up a new authenticator app."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        User = get_user_model()
        try:
            user = User._default_manager.get_by_natural_key(username)
        except User.DoesNotExist:
            message = _("There is no user “%(username)s”.") % {"username": username}
            raise CommandError(message) from None
        with transaction.atomic():
            devices = sum(
                model.objects.filter(user=user).delete()[1].get(model._meta.label, 0)
                for model in django_otp.device_classes()
            )
        log.warning("Two-factor devices of %s reset from the command line.", user.get_username())
        self.stdout.write(
            _("Removed %(count)d two-factor devices of “%(username)s”.")
            % {"count": devices, "username": user.get_username()}
        )
        if settings.SESSION_ENGINE in DATABASE_ENGINES:
            ended = end_sessions(user)
            self.stdout.write(_("Ended %(count)d open sessions.") % {"count": ended})
        else:
            self.stdout.write(
                self.style.WARNING(
                    _(
                        "Sessions are not stored in the database, so open sessions were not "
                        "ended; change the user's password to end them."
                    )
                )
            )
        self.stdout.write(
            _("At the next sign-in they will be asked to set up an authenticator app.")
        )


def end_sessions(user):
    """Delete every unexpired database session signed in as `user`; return how many."""
    from django.contrib.sessions.models import Session

    store = import_module(settings.SESSION_ENGINE).SessionStore
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get(SESSION_KEY) == str(user.pk):
            store(session.session_key).delete()
            ended += 1
    return ended
