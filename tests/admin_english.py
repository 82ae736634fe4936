"""English that Django's admin or a third-party app shows where bokmål is lacking: the admin
crawl (tests/browser/test_admin_axe.py) and tests/hamarregion/test_admin_in_bokmal.py look for
it on every admin page."""

import re

# Exact phrases, found as whole words in a page's visible text.
ENGLISH_STRINGS = [
    "Show counts",
    "Hide counts",
    "Access attempts",
    "Access attempt",
    "Access failures",
    "Access failure",
    "Access logs",
    "Access log",
    "Emails",
    "Logs",
    "Attachments",
    "Email templates",
    "TOTP devices",
    "Static devices",
    "Passkeys",
    "Recent actions",
    "My actions",
    "Welcome,",
    "View site",
    "Change password",
    "Log out",
    "Search",
    "Action:",
    "Go",
    "Add",
    "Change",
    "View",
    "History",
    "Save",
    "Delete",
    "Home",
    "Post Office",
    "Axes",
    "Attempt Time",
    "IP Address",
    "User Agent",
    "Username",
    "Path",
    "Failures",
    "Logout Time",
    "Message",
    "Date",
    "Recipients",
    "Subject",
    "Priority",
    "Scheduled time",
    "Created",
    "Last updated",
    "Exception type",
    "By status",
    "By priority",
    "All",
    "Yes",
    "No",
    "Unknown",
]
_PATTERN = re.compile(
    "|".join(
        rf"(?<![\w]){re.escape(string)}(?![\w])" if string[-1].isalnum() else re.escape(string)
        for string in sorted(ENGLISH_STRINGS, key=len, reverse=True)
    )
)


def english_strings_in(text: str) -> list[str]:
    """The listed English phrases the text shows, each once, in order."""
    return list(dict.fromkeys(_PATTERN.findall(text)))
