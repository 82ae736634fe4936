"""The second factor: one-time codes from an authenticator app (TOTP), single-use recovery codes
and passkeys (WebAuthn), with the pages to enrol and remove them, the page that asks for one
after the password, and the middleware that holds back every page that is not public until a
person who must has passed one.

Modules: devices (which devices a person has), session (this session's verification), access
(who must pass one, and which pages need none), services (enrol, check, remove: each audited),
forms, views, passkeys (django-otp-webauthn's ceremonies for the portal), middleware, urls and
passkey_urls.
"""
