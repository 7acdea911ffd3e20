"""Messages of other apps that an import shows among its reasons (Member.clean and
check_placement), listed so this app's catalogue translates them too: a roster's reasons
are then in the user's language even before those apps' catalogues cover them. Where both
translate a message, the other app's translation is used."""

from django.utils.translation import gettext_noop

BORROWED = (
    gettext_noop("A phone number has 11 digits and starts with 1."),
    gettext_noop("The birth date is in the future."),
    gettext_noop("The date joined the party is in the future."),
    gettext_noop("A member joins the party at 18 or older."),
    gettext_noop("A member with a leadership post cannot also be without a post."),
    gettext_noop("A member cannot be both in service and retired."),
    gettext_noop("Only members in service report to a residence community."),
    gettext_noop("The residence community must differ from the home organization."),
    gettext_noop("The residence organization must be a community organization."),
    gettext_noop("Only a member without a post holds a duty post."),
    gettext_noop("The post belongs to another organization."),
    gettext_noop("Members belong to a grassroots organization (committee, general branch "
                 "or branch)."),
    gettext_noop("A %(kind)s cannot be placed under %(parent)s."),
    gettext_noop("the top of the tree"),
    gettext_noop("A grassroots organization needs a sector."),
    gettext_noop("Only grassroots organizations have a sector."),
    gettext_noop("Province"),
    gettext_noop("City"),
    gettext_noop("County / district"),
    gettext_noop("Township / street"),
    gettext_noop("Party committee"),
    gettext_noop("General branch"),
    gettext_noop("Branch"),
)
