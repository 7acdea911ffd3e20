from django import forms
from django.utils.translation import gettext_lazy as _

from chengnuo.layout.forms import BootstrapMixin
from chengnuo.members.models import Member

from .models import Kind, Organization, Post, Sector


class OrganizationEditForm(BootstrapMixin, forms.Form):
    name = forms.CharField(label=_("name"), max_length=100)
    sector = forms.ChoiceField(label=_("sector"), required=False,
                               choices=[("", "—"), *Sector.choices])
    secretary = forms.ModelChoiceField(label=_("secretary"), required=False,
                                       queryset=Member.objects.none())

    def __init__(self, *args, organization: Organization, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the organization's own members can be chosen: tampering cannot pick others.
        self.fields["secretary"].queryset = Member.objects.filter(organization=organization)
        if not organization.is_grassroots:
            del self.fields["sector"]
            del self.fields["secretary"]


class OrganizationCreateForm(BootstrapMixin, forms.Form):
    name = forms.CharField(label=_("name"), max_length=100)
    kind = forms.ChoiceField(label=_("kind"), choices=Kind.choices)
    sector = forms.ChoiceField(label=_("sector"), required=False,
                               choices=[("", "—"), *Sector.choices])

    def __init__(self, *args, allowed_kinds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [c for c in Kind.choices if c[0] in allowed_kinds]


class PostForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Post
        fields = ["name", "responsibilities"]
        widgets = {"responsibilities": forms.Textarea(attrs={"rows": 4})}
