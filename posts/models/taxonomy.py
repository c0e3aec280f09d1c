from typing import NamedTuple

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from taggit.models import TaggedItemBase

from inpud_site.links import slug_url


class Category(models.Model):
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        allow_unicode=True,
        help_text=_("The last part of the category's address: /category/slug/."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent category"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text=_("Optional. Posts in a sub-category also appear in its parent's archive."),
    )
    description = models.TextField(
        _("description"), blank=True, help_text=_("Shown at the top of the category's page.")
    )

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return slug_url("posts:category", self.slug)

    @staticmethod
    def descendant_ids(category, all_categories):
        """Ids of `category` and every category below it, from one list of all categories."""
        children = {}
        for item in all_categories:
            children.setdefault(item.parent_id, []).append(item.pk)
        found, stack = [], [category.pk]
        while stack:
            pk = stack.pop()
            if pk not in found:
                found.append(pk)
                stack.extend(children.get(pk, []))
        return found


class Byline(models.Model):
    """The public name a post is signed with: a person, a pseudonym or the network itself."""

    name = models.CharField(
        _("name"),
        max_length=100,
        help_text=_("Shown publicly. A real name, a pseudonym, or the network's name."),
    )
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        allow_unicode=True,
        help_text=_("The last part of the address of this byline's posts: /by/slug/."),
    )
    bio = models.TextField(
        _("short biography"),
        blank=True,
        help_text=_("Optional. Shown at the top of the page listing this byline's posts."),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="bylines",
        help_text=_("Optional. Never shown publicly; lets the account pick this byline."),
    )

    class Meta:
        verbose_name = _("byline")
        verbose_name_plural = _("bylines")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return slug_url("posts:byline", self.slug)


class TaggedPost(TaggedItemBase):
    content_object = models.ForeignKey("posts.Post", on_delete=models.CASCADE)

    class Meta:
        verbose_name = _("tagged post")
        verbose_name_plural = _("tagged posts")


class Term(NamedTuple):
    """A category or a tag, as a post's meta line, tag list and feed entry show it."""

    pk: int
    name: str
    url: str


def attach_terms(posts):
    """Give each post `category_list` and `tag_list`, sorted by name, in two small queries.

    prefetch_related("categories", "tags") did the same in two queries too, but its general
    machinery (taggit's above all) cost about as much CPU as the list's own query; these read
    three columns and build no model instances.
    """
    by_pk = {post.pk: post for post in posts}
    for post in posts:
        post.category_list, post.tag_list = [], []
    if not by_pk:
        return posts
    filed = (
        Category.posts.through.objects.filter(post_id__in=by_pk)
        .order_by("category__name", "category_id")
        .values_list("post_id", "category_id", "category__name", "category__slug")
    )
    for post_id, pk, name, slug in filed:
        by_pk[post_id].category_list.append(Term(pk, name, slug_url("posts:category", slug)))
    tagged = (
        TaggedPost.objects.filter(content_object_id__in=by_pk)
        .order_by("tag__name", "tag_id")
        .values_list("content_object_id", "tag_id", "tag__name", "tag__slug")
        .distinct()
    )
    for post_id, pk, name, slug in tagged:
        by_pk[post_id].tag_list.append(Term(pk, name, slug_url("posts:tag", slug)))
    return posts


class WithTermsIterable(models.query.ModelIterable):
    """Model instances, as usual, with their terms attached once all rows are read."""

    def __iter__(self):
        yield from attach_terms(list(super().__iter__()))
