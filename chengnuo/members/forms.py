from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from chengnuo.layout.forms import BootstrapMixin
from chengnuo.organizations.models import Organization, Post, Sector

from .models import CATEGORY_FIELDS, Member

PHOTO_MAX_BYTES = 2 * 1024 * 1024


class MemberForm(BootstrapMixin, forms.ModelForm):
    # The residence community is typed by its code: a list of every community in the
    # province would be tens of thousands of options.
    residence_code = forms.CharField(
        label=_("residence community code"), required=False, max_length=40,
        help_text=_("For members in service: the code of the community organization where "
                    "they live (在职党员到社区报到)."))

    class Meta:
        model = Member
        fields = ["name", "gender", "birth_date", "joined_date", "phone", "photo",
                  *CATEGORY_FIELDS, "post"]
        widgets = {
            "birth_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "joined_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "phone": forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
        }

    def __init__(self, *args, organization: Organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["post"].queryset = Post.objects.filter(organization=organization)
        self.fields["post"].required = False
        if self.instance.residence_organization_id:
            self.initial["residence_code"] = self.instance.residence_organization.slug

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        # Django's ImageField has already opened it with Pillow; only the size is left.
        if photo and getattr(photo, "size", 0) > PHOTO_MAX_BYTES:
            raise ValidationError(_("The photo is larger than 2 MB; please choose a smaller one."))
        return photo

    def clean_residence_code(self):
        code = self.cleaned_data["residence_code"].strip()
        if not code:
            return None
        # Not through the permission layer on purpose: a member often lives in a community
        # outside the secretary's subtree, and community codes are public anyway.
        community = Organization.objects.filter(slug=code, sector=Sector.COMMUNITY).first()
        if community is None:
            raise ValidationError(_("No community organization has this code."))
        return community

    def _post_clean(self):
        """Skip ModelForm's instance validation: the whole record is validated by the
        service (Member.clean), so the form only converts input."""

    def service_fields(self) -> dict:
        fields = {name: self.cleaned_data[name] for name in self._meta.fields
                  if name != "photo"}
        if self.cleaned_data.get("photo"):
            fields["photo"] = self.cleaned_data["photo"]
        fields["residence_organization"] = self.cleaned_data.get("residence_code")
        return fields


class TransferForm(BootstrapMixin, forms.Form):
    organization_code = forms.CharField(
        label=_("code of the new organization"), max_length=40,
        help_text=_("The organization's code is shown on its page and its public page."))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_organization_code(self):
        from chengnuo.accounts.permissions import Need, organizations_for

        code = self.cleaned_data["organization_code"].strip()
        # Only organizations the user manages can be found: others do not exist for them.
        target = organizations_for(self.user, Need.MANAGE).filter(slug=code).first()
        if target is None:
            raise ValidationError(_("Unknown organization."))
        return target
