"""The site's URLs, plus /_bench/bare/<name>/: the bare view, through the same middleware."""

from django.urls import path

from inpud_site.bench import bare
from inpud_site.urls import urlpatterns as site_urlpatterns

urlpatterns = [path("_bench/bare/<slug:name>/", bare.view, name="bench-bare"), *site_urlpatterns]
