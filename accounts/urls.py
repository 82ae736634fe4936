from django.urls import path

from hamarregion.accounts import clears_browser_cache

from .sign_on.views import SignOnStartView
from .two_factor.urls import urlpatterns as two_factor_urlpatterns
from .views import invitations, my_account, people

app_name = "accounts"

PEOPLE = "konto/organisasjoner/<slug:slug>/brukere/"

urlpatterns = [
    *two_factor_urlpatterns,
    # A single sign-on's start, beside the login page: /konto/logg-inn/<provider>/.
    path("konto/logg-inn/<slug:provider>/", SignOnStartView.as_view(), name="sign-on-start"),
    path("konto/min-konto/", my_account.MyAccountView.as_view(), name="my-account"),
    # Accepting signs the new person in: the session changes hands.
    path(
        "konto/invitasjon/<str:token>/",
        clears_browser_cache(invitations.InvitationAcceptView.as_view()),
        name="invitation-accept",
    ),
    path(PEOPLE, people.PeopleView.as_view(), name="people"),
    path(f"{PEOPLE}<int:pk>/rolle/", people.MembershipRoleView.as_view(), name="membership-role"),
    path(
        f"{PEOPLE}<int:pk>/deaktiver/",
        people.MembershipDeactivateView.as_view(),
        name="membership-deactivate",
    ),
    path(
        f"{PEOPLE}<int:pk>/aktiver/",
        people.MembershipReactivateView.as_view(),
        name="membership-reactivate",
    ),
    path(
        f"{PEOPLE}invitasjoner/<int:pk>/send-igjen/",
        people.InvitationResendView.as_view(),
        name="invitation-resend",
    ),
    path(
        f"{PEOPLE}invitasjoner/<int:pk>/trekk-tilbake/",
        people.InvitationRevokeView.as_view(),
        name="invitation-revoke",
    ),
    path(
        "konto/organisasjoner/<slug:slug>/tofaktor/",
        people.SecondFactorRequirementView.as_view(),
        name="second-factor-requirement",
    ),
]
