"""Reads of the follow-up that several pages, the admin and the commands share."""
