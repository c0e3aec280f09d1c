from posts.models.base import Publishable, PublishableQuerySet, Status
from posts.models.imported import ImportedItem
from posts.models.languages import CONTENT_LANGUAGES
from posts.models.media import Document, Image
from posts.models.post import Page, PageRole, Post, PostQuerySet
from posts.models.taxonomy import Byline, Category, TaggedPost

__all__ = [
    "CONTENT_LANGUAGES",
    "Byline",
    "Category",
    "Document",
    "Image",
    "ImportedItem",
    "Page",
    "PageRole",
    "Post",
    "PostQuerySet",
    "Publishable",
    "PublishableQuerySet",
    "Status",
    "TaggedPost",
]
