"""Follow-up on some of the 2022–2023 commitments for `make run`, so that the focus-area pages
show statuses, progress, dated updates and linked projects. Called by projects'
create_demo_data once it has made the funded demo projects."""

from datetime import timedelta

from django.utils import timezone

from .models import Commitment, CommitmentUpdate

Status = Commitment.Status

# slug of a commitment: status, progress, updates (days ago, text), titles of funded projects
FOLLOW_UP = {
    "okt-tilflytting": (
        Status.UNDER_WAY,
        60,
        [
            (120, "Kommunene har sammen kartlagt hvorfor folk flytter til regionen."),
            (20, "Tilflytterguiden er lansert, og **tretti tilflyttere** kom på velkomstkveldene."),
        ],
        ["Tilflytterguide for Hamarregionen"],
    ),
    "kompetansearbeidsplasser": (
        Status.UNDER_WAY,
        30,
        [(45, "Felles næringsarealer langs E6 er under planlegging.")],
        ["Felles næringsarealer langs E6"],
    ),
    "regionvekstavtaler": (
        Status.DONE,
        100,
        [(200, "Mjøsbyrådet har sendt felles innspill om regionvekstavtale til departementet.")],
        [],
    ),
    "ladestruktur": (
        Status.UNDER_WAY,
        25,
        [(60, "Regionrådet har bedt fylkeskommunen om en felles plan for hurtigladere.")],
        [],
    ),
    "arenaer-og-nettverk": (
        Status.UNDER_WAY,
        40,
        [(30, "Reiselivsstrategien samler bedriftene i et felles nettverk.")],
        ["Reiselivsstrategi for Mjøsregionen"],
    ),
    "moter-med-lo-og-nho": (
        Status.DROPPED,
        10,
        [(90, "Møtene holdes heller i Mjøsbyrådet, der LO og NHO alt deltar.")],
        [],
    ),
}


def demo_commitment_follow_up(*, programme, projects, user) -> int:
    """Set status, progress, updates and project links on the commitments in FOLLOW_UP;
    returns how many were followed up."""
    by_title = {project.title: project for project in projects}
    today = timezone.localdate()
    commitments = Commitment.objects.filter(
        focus_area__programme=programme, slug__in=FOLLOW_UP
    ).order_by("pk")
    for commitment in commitments:
        status, progress, updates, titles = FOLLOW_UP[commitment.slug]
        commitment.status = status
        commitment.progress = progress
        commitment.save(update_fields=["status", "progress"])
        for days_ago, text in updates:
            CommitmentUpdate.objects.create(
                commitment=commitment,
                date=today - timedelta(days=days_ago),
                text=text,
                created_by=user,
            )
        commitment.projects.set(by_title[title] for title in titles if title in by_title)
    return len(commitments)
