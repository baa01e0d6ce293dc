from django.urls import path

from hubwork.accounts import views

app_name = "accounts"

urlpatterns = [
    path("details/", views.details, name="details"),
    # allauth's own address (account_request_login_code), answered by Hubwork's view.
    path("login/code/", views.request_sign_in_code, name="request_sign_in_code"),
]
