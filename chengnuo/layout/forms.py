"""Form helpers every app's pages share."""

from django import forms
from django.core.exceptions import ValidationError


class BootstrapMixin:
    """Gives every widget Bootstrap's classes; errors are shown beside each field."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            css = "form-check-input" if isinstance(widget, forms.CheckboxInput) else (
                "form-select" if isinstance(widget, forms.Select) else "form-control")
            widget.attrs.setdefault("class", css)


def apply_errors(form, error: ValidationError) -> None:
    """Put a service's ValidationError beside the form fields it names."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)
