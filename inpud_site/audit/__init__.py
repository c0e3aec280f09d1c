"""The site audit: Lighthouse, axe-core, the Nu checker, feeds, page weight (scripts/audit.sh)."""
