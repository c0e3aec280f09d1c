"""The site benchmark behind `manage.py bench` (posts/management/commands/bench.py).

`settings` and `urls` are what the benchmark's gunicorn runs: the production settings with one
extra URL, the bare view (`bare`) that answers with the bytes of one of our pages. `data` adds
images and campaigns to an imported archive, `probe` counts queries per page, `scratch` looks
after the throwaway database, `server` runs gunicorn, `wrk` drives the load generator (with
`report.lua`), `system` reads CPU time and memory from /proc, `report` prints the table.
"""
