from comments.models import Comment, CommentStatus


def make_comment(target, **fields):
    fields.setdefault("name", "Reader")
    fields.setdefault("text", "A comment.")
    fields.setdefault("status", CommentStatus.APPROVED)
    parent = fields.get("parent")
    if parent is not None:
        fields.setdefault("root", parent.root or parent)
        fields.setdefault("depth", parent.depth + 1)
    return Comment.objects.create(post=target, **fields)
