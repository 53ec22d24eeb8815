from django.urls import path

from . import views

urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("sign-in-code/", views.sign_in_with_code, name="sign_in_with_code"),
]
