from django.contrib.auth.forms import AuthenticationForm


class EmailAuthenticationForm(AuthenticationForm):
    """Sign in with an e-mail address, whatever its capitals."""

    def clean_username(self) -> str:
        return self.cleaned_data["username"].strip().lower()
