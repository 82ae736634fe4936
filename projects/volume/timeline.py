"""When each step of an application's timeline happened: the applicant's steps inside the call's
window, the secretariat's and the council's after the deadline, the report's after the project
has ended, all in order and none after now. Nothing here touches the database."""

from datetime import UTC, datetime, time, timedelta
from random import Random

from django.utils import timezone

from ..workflow import APPEAL_STATES, Action, State, path, path_to
from .periods import OSLO, CallInfo

RETURN_COMMENTS = [
    "Legg ved kostnadsoverslag fra leverandør og oppdater finansieringsplanen.",
    "Beskriv forankringen i kommunene nærmere, med vedtak fra formannskapet.",
    "Delmålene må være målbare. Skriv dem om og send inn på nytt.",
]
REPORT_RETURN_COMMENTS = [
    "Rapporten mangler regnskap for prosjektperioden. Legg det ved.",
    "Beskriv resultatene målt mot hovedmålet.",
]
STEP = timedelta(minutes=1)


def timeline(state: State, rng: Random, info: CallInfo, now):
    """(actions, their moments, project start date, project end date) for an application that
    has come to `state` in the call."""
    call = info.call
    window_end = min(call.closes_at, now) - timedelta(hours=1)
    steps = actions(state, rng, may_review=call.has_closed(now))
    own_steps = steps.index(Action.START_REVIEW) if Action.START_REVIEW in steps else len(steps)
    applicant_times = sorted(between(rng, call.opens_at, window_end) for _ in steps[:own_steps])
    start, end = project_period(rng, info.decided_on, state, now)
    later = after_project(case_times(steps[own_steps:], rng, call, info.decided_on), rng, end)
    return steps, in_order(applicant_times + later, now), start, end


def between(rng: Random, start: datetime, end: datetime) -> datetime:
    if end <= start:
        return start
    return start + timedelta(seconds=rng.uniform(0, (end - start).total_seconds()))


def on_working_day(day, rng: Random) -> datetime:
    """A working hour on the day, in Norwegian time."""
    moment = datetime.combine(day, time(rng.randint(8, 15), rng.randint(0, 59)), tzinfo=OSLO)
    return moment.astimezone(UTC)


def actions(state: State, rng: Random, *, may_review: bool) -> list[Action]:
    """The steps from the draft to the state, along the workflow's main path with an occasional
    detour. Review starts after the deadline, so only applications in a closed call can have
    been withdrawn or returned during review."""
    sent_in = State.IN_REVIEW if may_review and rng.random() < 0.5 else State.SUBMITTED
    if state == State.DRAFT:
        return [Action.CREATE]
    if state == State.WITHDRAWN:
        before = rng.choice([State.DRAFT, State.SUBMITTED, sent_in])
        return [Action.CREATE, *path_to(before), *path(before, state)]
    if state == State.RETURNED:
        return [Action.CREATE, *path_to(sent_in), *path(sent_in, state)]
    submissions = path_to(State.SUBMITTED)
    if rng.random() < 0.1:
        # Sent back once before the deadline and sent in again.
        submissions = [*path_to(State.RETURNED), *path(State.RETURNED, State.SUBMITTED)]
    steps = path(State.SUBMITTED, state)
    if state in APPEAL_STATES:
        # The appeals of the volume are against rejections.
        steps = [*path(State.SUBMITTED, State.REJECTED), *path(State.REJECTED, state)]
    if state == State.IN_PROGRESS and rng.random() < 0.05:
        # A final report sent back.
        steps += [*path(state, State.REPORT_SUBMITTED), *path(State.REPORT_SUBMITTED, state)]
    return [Action.CREATE, *submissions, *steps]


def case_times(steps, rng: Random, call, decided_on) -> list[datetime]:
    """When the secretariat and the council took each step after the deadline."""
    closes = call.closes_at
    times = []
    for action in steps:
        if action == Action.START_REVIEW:
            moment = closes + timedelta(days=rng.randint(1, 7), hours=rng.randint(0, 6))
        elif action == Action.RECOMMEND:
            moment = closes + timedelta(days=rng.randint(10, 20), hours=rng.randint(0, 6))
        elif action in (Action.APPROVE, Action.REJECT):
            moment = on_working_day(decided_on + timedelta(days=rng.randint(0, 3)), rng)
        elif action == Action.ACCEPT_GRANT:
            moment = on_working_day(decided_on + timedelta(days=rng.randint(2, 20)), rng)
        elif action == Action.START_PROJECT:
            moment = on_working_day(decided_on + timedelta(days=rng.randint(21, 90)), rng)
        elif action == Action.REGISTER_APPEAL:
            moment = on_working_day(decided_on + timedelta(days=rng.randint(7, 20)), rng)
        elif action == Action.FORWARD_APPEAL:
            moment = times[-1] + timedelta(days=rng.randint(14, 30))
        elif action in (Action.WITHDRAW, Action.RETURN):
            moment = times[-1] + timedelta(days=rng.randint(1, 10))
        else:
            # The report's steps follow the project's end: placed by after_project.
            moment = None
        times.append(moment)
    return times


def project_period(rng: Random, decided_on, state: State, now):
    """Start and end dates: after the decision where there is one; a reported project has
    ended by now."""
    today = timezone.localdate(now)
    base = decided_on or today + timedelta(days=60)
    start = base + timedelta(days=rng.randint(30, 120))
    end = start + timedelta(days=rng.randint(180, 900))
    if state in (State.REPORT_SUBMITTED, State.COMPLETED):
        latest_end = today - timedelta(days=45)
        if end > latest_end:
            end = max(latest_end, start + timedelta(days=30))
    return start, end


def after_project(times, rng: Random, project_end):
    """Fill in the report steps after the project's end, each some days after the last."""
    filled = []
    previous = None
    for moment in times:
        if moment is None:
            if previous is None or previous.date() < project_end:
                anchor = on_working_day(project_end, rng)
            else:
                anchor = previous
            moment = anchor + timedelta(days=rng.randint(5, 30))
        filled.append(moment)
        previous = moment
    return filled


def in_order(times, now) -> list[datetime]:
    """Each step after the one before it and none after now."""
    times = list(times)
    for i in range(1, len(times)):
        times[i] = max(times[i], times[i - 1] + STEP)
    latest = now
    for i in range(len(times) - 1, -1, -1):
        times[i] = min(times[i], latest)
        latest = times[i] - STEP
    return times
