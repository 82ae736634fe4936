def can_preview_programme(user) -> bool:
    """Staff who may edit the programme may also read its drafts on the site."""
    return bool(
        user and user.is_active and user.is_staff and user.has_perm("programme.view_programme")
    )
