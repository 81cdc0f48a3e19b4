"""A second factor for staff: TOTP from an authenticator app, single-use backup codes.

Staff accounts see citizens' personal data, so a password alone (guessed, phished,
or read off a note at a shared counter) must not open the admin. django-otp keeps the
devices; this package decides who must use one and holds the Thai pages:

- `middleware.py`: the one rule. A session whose user has not passed the second
  step is sent to it on every admin page and is an anonymous visitor elsewhere.
- `devices.py`: finding the device a code belongs to, issuing backup codes.
- `views.py`: the second sign-in step, enrolment (QR code) and backup codes.
The demo accounts' known devices live with the rest of the demo (demo/second_factor.py).
"""
