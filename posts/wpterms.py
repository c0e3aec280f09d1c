"""Authors, categories and tags of a WordPress export, for posts.wpimport.Importer."""

from urllib.parse import unquote

from django.conf import settings
from django.utils.text import slugify
from django.utils.translation import gettext as _
from taggit.models import Tag

from posts.models import Byline, Category, ImportedItem
from posts.wpcommon import fingerprint, plain_text, record_for, remember

Kind = ImportedItem.Kind


class TermImport:
    """The small records posts refer to; the Importer keeps them by their WordPress key."""

    # Authors and terms ----------------------------------------------------------------------

    def _upsert(self, kind, source_id, values, label, find, build):
        """Create or update one small record (byline, category, tag); return it."""
        print_ = fingerprint(values)
        record = record_for(kind, source_id)
        obj = record.get_object() if record else None
        if record and obj is None:
            self.report.count(label, "skipped")
            self.report.problem(f"{kind} {source_id}", _("deleted here; not restored"))
            return None
        if record and record.fingerprint == print_:
            self.report.count(label, "unchanged")
            return obj
        outcome = "updated" if obj or (obj := find()) else "created"
        obj = build(obj)
        obj.save()
        remember(record, kind, source_id, obj, print_)
        self.report.count(label, outcome)
        return obj

    def import_authors(self, authors):
        for author in authors:
            user = self.author_map.get(author.login)
            name = plain_text(author.display_name) or author.login
            slug = slugify(author.login, allow_unicode=True)[:100] or "author"

            def build(obj, name=name, slug=slug, user=user):
                obj = obj or Byline(slug=self._free_slug(Byline, slug, 100))
                obj.name = name[:100]
                obj.user = user or obj.user
                return obj

            byline = self._upsert(
                Kind.AUTHOR, author.login, {"name": name, "user": user and user.pk}, "authors",
                lambda slug=slug: Byline.objects.filter(slug=slug).first(), build,
            )  # fmt: skip
            if byline:
                self.bylines[author.login] = byline

    def import_categories(self, categories):
        for wp in categories.values():
            slug = slugify(unquote(wp.slug), allow_unicode=True)[:100]
            if not slug:
                continue
            values = {"name": plain_text(wp.name), "description": wp.description}

            def build(obj, slug=slug, values=values):
                obj = obj or Category(slug=slug)
                obj.name = values["name"][:100] or slug
                obj.description = plain_text(values["description"])
                return obj

            values["parent"] = wp.parent_slug
            found = self._upsert(
                Kind.CATEGORY, wp.slug, values, "categories",
                lambda slug=slug: Category.objects.filter(slug=slug).first(), build,
            )  # fmt: skip
            if found:
                self.categories[wp.slug] = found
        for wp in categories.values():
            child, parent = self.categories.get(wp.slug), self.categories.get(wp.parent_slug)
            wanted = parent.pk if parent and not self._is_below(parent, child) else None
            if child and wp.parent_slug and child.parent_id != wanted:
                Category.objects.filter(pk=child.pk).update(parent_id=wanted)
                child.parent_id = wanted

    def _is_below(self, category, ancestor):
        """Whether `category` is `ancestor` or below it: a parent link there makes a loop."""
        by_pk = {c.pk: c for c in self.categories.values()}
        seen = set()
        while category is not None and category.pk not in seen:
            if category.pk == ancestor.pk:
                return True
            seen.add(category.pk)
            category = by_pk.get(category.parent_id)
        return False

    def import_tags(self, tags):
        for wp in tags.values():
            self._tag(wp.slug, plain_text(wp.name))

    def _tag(self, wp_slug, name):
        if wp_slug in self.tags:
            return self.tags[wp_slug]
        slug = slugify(unquote(wp_slug), allow_unicode=True)[:100]
        name = (name or unquote(wp_slug))[:100]
        if not slug:
            return None

        def find():
            return Tag.objects.filter(slug=slug).first() or Tag.objects.filter(name=name).first()

        def build(obj):
            obj = obj or Tag(slug=slug)
            obj.name = obj.name or name
            return obj

        tag = self._upsert(Kind.TAG, wp_slug, {"name": name}, "tags", find, build)
        self.tags[wp_slug] = tag
        return tag

    def _network_byline(self):
        if "" not in self.bylines:
            slug = slugify(settings.SITE_NAME) or "network"
            self.bylines[""], _new = Byline.objects.get_or_create(
                slug=slug, defaults={"name": settings.SITE_NAME}
            )
        return self.bylines[""]

    @staticmethod
    def _free_slug(model, wanted, max_length, exclude=None):
        taken = model.objects.exclude(pk=exclude).filter(slug__startswith=wanted)
        taken = set(taken.values_list("slug", flat=True))
        slug, number = wanted, 1
        while slug in taken:
            number += 1
            slug = f"{wanted[: max_length - len(str(number)) - 1]}-{number}"
        return slug
