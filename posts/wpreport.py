"""What one run of ``import_wordpress`` did, counted as it goes and printed at the end."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

OUTCOMES = ("created", "updated", "unchanged", "skipped")
KINDS = (
    "authors", "categories", "tags", "posts", "pages", "images", "documents", "comments",
    "redirects",
)  # fmt: skip
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
        out = ["Dry run: nothing was written." if self.dry_run else "Import finished."]
        width = max(len(kind) for kind in KINDS) + 2
        out.append("".ljust(width) + "".join(o.rjust(11) for o in OUTCOMES))
        for kind in KINDS:
            counts = self.outcomes.get(kind, Counter())
            row = kind.ljust(width) + "".join(str(counts[o]).rjust(11) for o in OUTCOMES)
            statuses = self.statuses.get(kind)
            if statuses:
                row += "   (" + ", ".join(f"{s} {n}" for s, n in sorted(statuses.items())) + ")"
            out.append(row)
        out.append(f"pingbacks and trackbacks left out of comment threads: {self.pings}")
        for reason, number in sorted(self.ignored.items()):
            out.append(f"not imported, {reason}: {number}")
        for note, number in sorted(self.notes.items()):
            out.append(f"to check: {note}: {number}")
        out += self._listing(
            "missing media files", [f"{u} ({w})" for u, w in self.missing_media.items()]
        )
        out += self._listing(
            "unknown shortcodes left as text",
            [f"[{name}] in {n} item(s)" for name, n in sorted(self.unknown_shortcodes.items())],
        )
        out += self._listing("skipped", self.problems)
        return out

    @staticmethod
    def _listing(title, entries):
        if not entries:
            return [f"{title}: none"]
        shown = [f"  {entry}" for entry in entries[:LIST_LIMIT]]
        if len(entries) > LIST_LIMIT:
            shown.append(f"  … and {len(entries) - LIST_LIMIT} more")
        return [f"{title}: {len(entries)}", *shown]
