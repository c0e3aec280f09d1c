"""
Staff sign-in: a throttle on password attempts, a second factor (TOTP, with
one-time recovery codes) for every staff account, and session time limits.

The pieces: `throttle` and `backends` (password attempts), `admin_site` and
`views` (the admin's sign-in and two-factor pages), `middleware` (the
two-factor gate and the idle and absolute time limits), `signals` (session
stamps and the authentication log).
"""
