"""The portal's pages about people: «Min konto», «Brukere» and the invitation's page."""
