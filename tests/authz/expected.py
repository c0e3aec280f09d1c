"""Who may do what, written out: the tables the authorisation matrix checks against."""

ROLES = ("anonymous", "reader", "author", "moderator", "editor", "superuser")
STAFF = {"author", "moderator", "editor", "superuser"}
NOBODY = set()
EVERYONE = set(ROLES)

# The admin pages of one object of each registered model: l changelist, a add page,
# c change page (a read-only page counts), s change form POST, d delete page, h history.
# A dash is a refusal. Anonymous visitors and readers are refused every admin URL.
PAGES = {
    # object                          author    moderator  editor    superuser
    "auth.group":                    ("------", "------", "------", "lacsdh"),
    "auth.user":                     ("------", "------", "------", "lacsdh"),
    "sites.site":                    ("------", "------", "------", "lacsdh"),
    "redirects.redirect":            ("------", "------", "------", "lacsdh"),
    "taggit.tag":                    ("lac--h", "------", "lacsdh", "lacsdh"),
    "django_tasks_database.dbtaskresult": (
                                      "------", "------", "------", "l-c--h"),
    "otp_totp.totpdevice":           ("------", "------", "------", "lacsdh"),
    "otp_static.staticdevice":       ("------", "------", "------", "lacsdh"),
    # someone else's published post; authors see and change only their own drafts
    "posts.post":                    ("la----", "------", "lacsdh", "lacsdh"),
    "posts.post:own draft":          ("lacs-h", "------", "lacsdh", "lacsdh"),
    "posts.page":                    ("------", "------", "lacsdh", "lacsdh"),
    "posts.category":                ("l-c--h", "------", "lacsdh", "lacsdh"),
    "posts.byline":                  ("l-c--h", "------", "lacsdh", "lacsdh"),
    "posts.image":                   ("lacs-h", "------", "lacsdh", "lacsdh"),
    "posts.document":                ("lac--h", "------", "lacsdh", "lacsdh"),
    "campaigns.campaign":            ("------", "l-c--h", "lacsdh", "lacsdh"),
    "campaigns.action":              ("------", "------", "lacsdh", "lacsdh"),
    "campaigns.organisation":        ("------", "------", "lacsdh", "lacsdh"),
    "campaigns.update":              ("------", "------", "lacsdh", "lacsdh"),
    # pledges come from supporters: nobody adds or edits them in the admin
    "campaigns.pledge":              ("------", "l-c--h", "l-c-dh", "l-c-dh"),
    # comments come from readers; moderators decide, editors may also delete
    "comments.comment":              ("------", "l-cs-h", "l-csdh", "l-csdh"),
    # one settings row: no add page once it exists, never deleted
    "comments.moderationsettings":   ("------", "------", "l-cs-h", "l-cs-h"),
}  # fmt: skip
PAGE_VIEWS = {
    "l": "changelist",
    "a": "add",
    "c": "change",
    "s": "change",
    "d": "delete",
    "h": "history",
}

# Admin actions, POSTed from the changelist with the object ticked: who may run each.
ACTIONS = {
    "auth.group:delete_selected": {"superuser"},
    "auth.user:delete_selected": {"superuser"},
    "sites.site:delete_selected": {"superuser"},
    "redirects.redirect:delete_selected": {"superuser"},
    "taggit.tag:delete_selected": {"editor", "superuser"},
    "taggit.tag:render_tag_form": {"editor", "superuser"},  # merging rewrites others' posts
    "django_tasks_database.dbtaskresult:delete_selected": NOBODY,
    "otp_totp.totpdevice:delete_selected": {"superuser"},
    "otp_static.staticdevice:delete_selected": {"superuser"},
    "posts.post:delete_selected": {"editor", "superuser"},
    "posts.post:publish_now": {"editor", "superuser"},
    "posts.post:unpublish": {"editor", "superuser"},
    "posts.page:delete_selected": {"editor", "superuser"},
    "posts.page:publish_now": {"editor", "superuser"},
    "posts.page:unpublish": {"editor", "superuser"},
    "posts.category:delete_selected": {"editor", "superuser"},
    "posts.byline:delete_selected": {"editor", "superuser"},
    "posts.image:delete_selected": {"editor", "superuser"},
    "posts.document:delete_selected": {"editor", "superuser"},
    "posts.document:publish_now": {"editor", "superuser"},
    "posts.document:unpublish": {"editor", "superuser"},
    "campaigns.campaign:delete_selected": {"editor", "superuser"},
    "campaigns.campaign:publish_now": {"editor", "superuser"},
    "campaigns.campaign:unpublish": {"editor", "superuser"},
    "campaigns.action:delete_selected": {"editor", "superuser"},
    "campaigns.organisation:delete_selected": {"editor", "superuser"},
    "campaigns.update:delete_selected": {"editor", "superuser"},
    "campaigns.pledge:delete_selected": {"editor", "superuser"},
    "campaigns.pledge:export_csv": {"moderator", "editor", "superuser"},
    "comments.comment:delete_selected": {"editor", "superuser"},
    "comments.comment:approve": {"moderator", "editor", "superuser"},
    "comments.comment:mark_spam": {"moderator", "editor", "superuser"},
    "comments.comment:remove": {"moderator", "editor", "superuser"},
    "comments.comment:restore": {"moderator", "editor", "superuser"},
}

# Admin URLs a ModelAdmin adds to the standard five.
EXTRA_PAGES = {
    "auth_user_password_change": {"superuser"},
    "taggit_tag_merge_tags": {"editor", "superuser"},
    # OTP_ADMIN_HIDE_SENSITIVE_DATA: nobody reads an authenticator's secret back
    "otp_totp_totpdevice_config": NOBODY,
    "otp_totp_totpdevice_qrcode": NOBODY,
}

# The admin index, each app's index and the other pages of the admin site itself.
SITE_PAGES = {
    "index": STAFF,
    "password_change": STAFF,
    "password_change_done": STAFF,
    "jsi18n": STAFF,
}
APP_INDEXES = {
    "auth": {"superuser"},
    "sites": {"superuser"},
    "redirects": {"superuser"},
    "taggit": {"author", "editor", "superuser"},
    "django_tasks_database": {"superuser"},
    "otp_totp": {"superuser"},
    "otp_static": {"superuser"},
    "posts": {"author", "editor", "superuser"},
    "campaigns": {"moderator", "editor", "superuser"},
    "comments": {"moderator", "editor", "superuser"},
}

# Autocomplete searches behind each autocomplete field: allowed to whoever may view the
# model searched (Django checks that model's view permission).
AUTOCOMPLETE = {
    "posts.post.byline": {"author", "editor", "superuser"},
    "posts.post.categories": {"author", "editor", "superuser"},
    "posts.post.featured_image": {"author", "editor", "superuser"},
    "posts.post.documents": {"author", "editor", "superuser"},
    "posts.post.translation_of": {"author", "editor", "superuser"},
    "posts.category.parent": {"author", "editor", "superuser"},
    "campaigns.campaign.hero_image": {"author", "editor", "superuser"},
    "campaigns.campaign.documents": {"author", "editor", "superuser"},
    "campaigns.campaign.related_posts": {"author", "editor", "superuser"},
    "campaigns.campaign.translation_of": {"moderator", "editor", "superuser"},
    "campaigns.action.campaign": {"moderator", "editor", "superuser"},
    "campaigns.action.organisations": {"editor", "superuser"},
    "campaigns.update.campaign": {"moderator", "editor", "superuser"},
    "campaigns.update.action": {"editor", "superuser"},
    "campaigns.update.byline": {"author", "editor", "superuser"},
}

# "View on site" (/admin/r/<type>/<id>/) answers only those who may open the object's
# change page (the "c" column above): it would otherwise tell any staff account where a
# draft will be published.

# Public write routes: the same for every role. Published items take comments and pledges;
# unpublished ones answer 404 to everyone, editors included, and store nothing.
PUBLIC = {
    "comment on a published post": EVERYONE,
    "comment on a published page": EVERYONE,
    "comment on a published campaign": EVERYONE,
    "comment on a draft post": NOBODY,
    "comment on a scheduled post": NOBODY,
    "comment on a draft page": NOBODY,
    "comment on a draft campaign": NOBODY,
    "pledge on a published campaign": EVERYONE,
    "pledge on a draft campaign": NOBODY,
    "pledge on a scheduled campaign": NOBODY,
    # the signed link in the commenter's e-mail or on their device is the key
    "comment delete link (GET)": EVERYONE,
    "comment delete link (POST)": EVERYONE,
    "comment delete link, tampered (POST)": NOBODY,
    "unsubscribe link (GET)": EVERYONE,
    "unsubscribe link (POST)": EVERYONE,
    "unsubscribe link, tampered (POST)": NOBODY,
}


def allowed_by(row, letter):
    """The roles a PAGES row lets do `letter`."""
    return {role for role, letters in zip(ROLES[2:], row, strict=True) if letter in letters}


# The refusal shapes each kind of URL may give staff (anonymous and readers: login only).
STAFF_REFUSALS = {
    "page": {"403", "hidden"},
    "extra": {"403", "hidden"},
    "action": {"403", "no action"},
    "site": {"403"},
    "app": {"404"},
    "autocomplete": {"403"},
    "view on site": {"403", "404"},
    "public": {"404"},
}
