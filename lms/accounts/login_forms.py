"""
The sign-in forms. Apart from forms.py because allauth's own forms module
imports the sign-up form from there: importing allauth's forms back from it
would be circular.
"""

from allauth.account import forms as allauth_forms
from django import forms
from django.utils.translation import gettext_lazy as _

from . import sign_in_codes


class LoginForm(allauth_forms.LoginForm):
    """allauth's sign-in form, which also takes a staff id where the e-mail goes."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["login"] = forms.CharField(
            label=_("E-mail or staff id"), max_length=254,
            widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}),
        )

    def clean_login(self):
        return sign_in_codes.user_for_sign_in_name(super().clean_login())


class SignInCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Sign-in code"), max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autocapitalize": "characters",
                                      "spellcheck": "false", "autofocus": True}),
    )
