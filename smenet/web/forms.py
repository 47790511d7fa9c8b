from django.contrib.auth.forms import AuthenticationForm

from smenet.common.forms import CleanInputMixin


class LoginForm(CleanInputMixin, AuthenticationForm):
    """Django's login form behind the input-cleaning layer."""
