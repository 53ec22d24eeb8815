from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import i18n
from django.views.decorators.http import require_http_methods
from django_ratelimit.core import is_ratelimited

from . import sign_in_codes
from .forms import ProfileForm
from .login_forms import SignInCodeForm

# Codes are 12 characters from 30: guessing is hopeless at any rate, so this
# only stops floods. A whole class types its codes from one centre's address.
SIGN_IN_CODE_RATE = "60/m"


@login_required
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile has been saved."))
        return redirect("profile")
    return render(request, "accounts/profile.html", {"form": form})


def set_language(request):
    """
    Django's language switcher, which also remembers a signed-in person's
    choice on their account: e-mails and reminders reach them in it.
    """
    response = i18n.set_language(request)
    language = request.POST.get("language", "")
    if request.method == "POST" and request.user.is_authenticated and language in dict(settings.LANGUAGES):
        if request.user.language != language:
            request.user.language = language
            request.user.save(update_fields=["language"])
    return response


@require_http_methods(["GET", "POST"])
def sign_in_with_code(request):
    """A one-time code from the person's unit signs them in; they choose a password next."""
    form = SignInCodeForm(request.POST or None)
    if request.method == "POST":
        if is_ratelimited(request, group="sign-in-code", key="ip", rate=SIGN_IN_CODE_RATE, increment=True):
            return render(request, "429.html", status=429)
        if form.is_valid():
            try:
                user = sign_in_codes.redeem(form.cleaned_data["code"])
            except sign_in_codes.InvalidSignInCode as refused:
                form.add_error("code", refused.message)
            else:
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
                messages.success(request, _(
                    "Welcome, %(name)s. Choose a password now: from then on you sign in with %(login)s and it."
                ) % {"name": user.full_name, "login": sign_in_codes.sign_in_name(user)})
                return redirect("account_set_password")
        return render(request, "account/sign_in_with_code.html", {"form": form}, status=400)
    return render(request, "account/sign_in_with_code.html", {"form": form})
