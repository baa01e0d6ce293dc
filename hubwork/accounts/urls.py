from django.urls import path

from hubwork.accounts.views import details, erasures, sign_in, your_data

app_name = "accounts"

urlpatterns = [
    path("details/", details.details, name="details"),
    path("your-data/", your_data.your_data, name="your_data"),
    path("your-data/export/", your_data.export_start, name="export_start"),
    path("your-data/export/status/", your_data.export_status, name="export_status"),
    path("your-data/export/<int:pk>/", your_data.export_download, name="export_download"),
    path("your-data/delete/", your_data.delete_request, name="delete_request"),
    path("your-data/delete/code/", your_data.delete_code_send, name="delete_code_send"),
    path("your-data/delete/<int:pk>/cancel/", your_data.delete_cancel, name="delete_cancel"),
    path("erasures/", erasures.erasures, name="erasures"),
    # allauth's own address (account_request_login_code), answered by Hubwork's view.
    path("login/code/", sign_in.request_sign_in_code, name="request_sign_in_code"),
]
