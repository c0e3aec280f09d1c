"""Demo comments: a short conversation with a staff reply, and a queue for moderators."""

from datetime import timedelta

from comments import moderation
from comments.models import Comment, CommentStatus
from posts.models import Post

THREADS = {
    "world-aids-day-protests-russian-embassies": [
        {
            "name": "Olena from Kyiv",
            "text": "We watched the photos from Tbilisi all evening. Thank you to everyone who "
            "stood in the cold. Next year we want to join from our city too.",
            "replies": [
                {
                    "name": "INPUD Secretariat",
                    "staff": True,
                    "text": "Thank you, Olena. Write to us through the contact page and we will "
                    "put you in touch with the groups who organised this year.",
                },
            ],
        },
        {
            "name": "M.",
            "text": "My brother has been waiting two years for OST. Days like this matter "
            "more than people think.",
        },
    ],
    "naloxone-belongs-in-every-pocket": [
        {
            "name": "Sam (outreach worker)",
            "text": "We printed the peer guide in both languages and handed out forty copies "
            "on Friday. The step-by-step page is the one people keep.",
        },
    ],
}

QUEUE = [
    {
        "post": "what-i-know-now",
        "name": "anonymous",
        "text": "Reading this at 3 a.m. I lost someone the same way last month. Is there a "
        "group I can talk to?",
        "urgent": True,
    },
    {
        "post": "hepatitis-c-is-curable-why-are-we-still-waiting",
        "name": "Dima",
        "text": "In our region the clinic still asks for six months clean before treatment. "
        "Is that legal?",
        "urgent": False,
    },
]


def ensure_comments(now):
    """Create the demo conversations once; later runs leave them alone."""
    posts = {
        post.slug: post
        for post in Post.objects.filter(slug__in=[*THREADS, *(q["post"] for q in QUEUE)])
    }
    for slug, threads in THREADS.items():
        post = posts.get(slug)
        if post is None or Comment.objects.filter(post=post).exists():
            continue
        for number, thread in enumerate(threads):
            written = now - timedelta(days=2, hours=number * 5)
            top = _make(post, thread, written, None)
            for reply in thread.get("replies", []):
                _make(post, reply, written + timedelta(hours=3), top)
        moderation.recount(post)
    for item in QUEUE:
        post = posts.get(item["post"])
        if post is None or Comment.objects.filter(post=post, text=item["text"]).exists():
            continue
        Comment.objects.create(
            post=post,
            name=item["name"],
            text=item["text"],
            is_urgent=item["urgent"],
            status=CommentStatus.PENDING,
        )


def _make(post, spec, written, parent):
    comment = Comment.objects.create(
        post=post,
        parent=parent,
        root=parent,
        depth=1 if parent else 0,
        name=spec["name"],
        text=spec["text"],
        is_staff_reply=spec.get("staff", False),
        status=CommentStatus.APPROVED,
        moderated_at=written,
    )
    Comment.objects.filter(pk=comment.pk).update(created_at=written)
    return comment
