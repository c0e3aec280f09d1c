"""What one run of ``import_wordpress`` did, counted as it goes and printed at the end."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

OUTCOMES = ("created", "updated", "unchanged", "skipped")
OUTCOME_LABELS = {
    "created": gettext_lazy("created"), "updated": gettext_lazy("updated"),
    "unchanged": gettext_lazy("unchanged"), "skipped": gettext_lazy("skipped"),
}  # fmt: skip
KINDS = {
    "authors": gettext_lazy("authors"), "categories": gettext_lazy("categories"),
    "tags": gettext_lazy("tags"), "posts": gettext_lazy("posts"), "pages": gettext_lazy("pages"),
    "images": gettext_lazy("images"), "documents": gettext_lazy("documents"),
    "comments": gettext_lazy("comments"), "redirects": gettext_lazy("redirects"),
}  # fmt: skip
LIST_LIMIT = 50  # long lists are cut in the printed report, never in the counts


@dataclass
class Report:
    dry_run: bool = False
    outcomes: defaultdict = field(default_factory=lambda: defaultdict(Counter))
    statuses: defaultdict = field(default_factory=lambda: defaultdict(Counter))
    ignored: Counter = field(default_factory=Counter)  # items we do not import, by reason
    pings: int = 0
    missing_media: dict = field(default_factory=dict)  # URL -> why, in the order met
    unknown_shortcodes: Counter = field(default_factory=Counter)
    problems: list = field(default_factory=list)  # items or comments skipped, and why
    notes: Counter = field(default_factory=Counter)  # things an editor may want to check

    def count(self, kind, outcome, status=None):
        self.outcomes[kind][outcome] += 1
        if status and outcome != "skipped":
            self.statuses[kind][status] += 1

    def checkpoint(self):
        """The counts so far, to go back to when the item being imported is rolled back."""
        return (
            {kind: Counter(c) for kind, c in self.outcomes.items()},
            {kind: Counter(c) for kind, c in self.statuses.items()},
            self.pings,
        )

    def restore(self, checkpoint):
        outcomes, statuses, self.pings = checkpoint
        self.outcomes = defaultdict(Counter, outcomes)
        self.statuses = defaultdict(Counter, statuses)

    def problem(self, what, reason):
        self.problems.append(f"{what}: {reason}")

    def missing(self, url, reason):
        self.missing_media.setdefault(url, reason)

    def lines(self):
        """The report as lines of plain text (the command prints them)."""
        out = [_("Dry run: nothing was written.") if self.dry_run else _("Import finished.")]
        width = max(len(str(label)) for label in KINDS.values()) + 2
        out.append("".ljust(width) + "".join(str(OUTCOME_LABELS[o]).rjust(11) for o in OUTCOMES))
        for kind, label in KINDS.items():
            counts = self.outcomes.get(kind, Counter())
            row = str(label).ljust(width)
            row += "".join(str(counts[o]).rjust(11) for o in OUTCOMES)
            statuses = self.statuses.get(kind)
            if statuses:
                row += "   (" + ", ".join(f"{s} {n}" for s, n in sorted(statuses.items())) + ")"
            out.append(row)
        out.append(
            _("pingbacks and trackbacks left out of comment threads: %(number)d")
            % {"number": self.pings}
        )
        for reason, number in sorted(self.ignored.items()):
            out.append(
                _("not imported, %(reason)s: %(number)d") % {"reason": reason, "number": number}
            )
        for note, number in sorted(self.notes.items()):
            out.append(_("to check: %(note)s: %(number)d") % {"note": note, "number": number})
        missing = [f"{url} ({why})" for url, why in self.missing_media.items()]
        out += self._listing(_("missing media files"), missing)
        shortcodes = [
            _("[%(name)s] in %(number)d item(s)") % {"name": name, "number": number}
            for name, number in sorted(self.unknown_shortcodes.items())
        ]
        out += self._listing(_("unknown shortcodes left as text"), shortcodes)
        out += self._listing(_("skipped"), self.problems)
        return out

    @staticmethod
    def _listing(title, entries):
        if not entries:
            return [_("%(title)s: none") % {"title": title}]
        shown = [f"  {entry}" for entry in entries[:LIST_LIMIT]]
        if len(entries) > LIST_LIMIT:
            more = _("… and %(number)d more") % {"number": len(entries) - LIST_LIMIT}
            shown.append(f"  {more}")
        return [f"{title}: {len(entries)}", *shown]


def reason_for(error):
    """What the report says of an item an error stopped."""
    if isinstance(error, ValidationError):
        return "; ".join(error.messages)
    return str(error).splitlines()[0][:200] if str(error) else type(error).__name__
