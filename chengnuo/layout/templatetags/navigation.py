"""What the navigation bar offers a user, answered from the grants already loaded."""

from django import template

from chengnuo.accounts.permissions import Need, is_system_admin, reach_paths

register = template.Library()


@register.filter
def reviews_somewhere(user) -> bool:
    """Whether user reviews commitments anywhere, so the review queue belongs in the menu."""
    if not user.is_authenticated:
        return False
    return is_system_admin(user) or bool(reach_paths(user, Need.REVIEW))


@register.filter
def person(user) -> str:
    """Who acted, as people know them: the account's full name, else its login name."""
    if user is None:
        return "—"
    return user.get_full_name() or user.get_username()
