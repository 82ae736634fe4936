from .two_factor.urls import urlpatterns as two_factor_urlpatterns

app_name = "accounts"

urlpatterns = [
    *two_factor_urlpatterns,
]
