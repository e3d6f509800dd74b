from django.http import HttpRequest

from partnerships.permissions import agreements_for, current_agreement


def agreement(request: HttpRequest) -> dict[str, object]:
    """The agreement the signed-in user is working in, for the page header."""
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    return {
        "current_agreement": current_agreement(request),
        "user_agreements": agreements_for(request),
    }
