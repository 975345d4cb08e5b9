"""WSGI entry point (gunicorn xxgk.wsgi:application)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xxgk.settings")
application = get_wsgi_application()
