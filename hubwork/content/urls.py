from django.urls import URLPattern, URLResolver

from hubwork.content import (
    feedback_urls,
    interest_urls,
    newsletter_urls,
    page_urls,
    sending_urls,
)

app_name = "content"

# Each part of the public site adds its own addresses here.
urlpatterns: list[URLPattern | URLResolver] = []
# Newsletter subscriptions: sign up, confirm, preferences, unsubscribe, account page.
urlpatterns += newsletter_urls.urlpatterns
# Pages: the listing's addresses, its Atom feed, /news/ and site search.
urlpatterns += page_urls.urlpatterns
# Page feedback: visitors' answers and the editors' reports.
urlpatterns += feedback_urls.urlpatterns
# Newsletter sending: the mail provider's webhook for bounces and complaints.
urlpatterns += sending_urls.urlpatterns
# Registered interest: the form, its emailed links and a person's own list.
urlpatterns += interest_urls.urlpatterns
