"""Changes to the guarded roles wait for a director's confirmation.

Who is an integrity officer or a director, and how they sign in, decides who
reads the sealed corruption channel and who signs for the agency. So a change
to the membership of those two groups, or to a member's password,
second-factor devices, e-mail address, username, active, staff or superuser
flag, made by anyone (a superuser too) is held as a pending `RoleChange`,
mailed to the directors and integrity officers, and applied only when a
director other than the proposer and the person changed confirms it
(docs/domain.md, "Guarded roles: two people for every change").

- `models.py`: the pending change and the append-only record of every proposal,
  decision and refused attempt.
- `services.py`: the one place that proposes, confirms, refuses and records.
- `admin.py`: the directors' confirmation page and the record, read-only.
- `device_admin.py`: django-otp's device pages, guarded the same way.
The user and group forms that propose changes are in `portal/admin_staff.py`.
"""
