from django import forms
from django.utils.datastructures import MultiValueDict

from chengnuo.evidence.forms import EvidenceFilesField

from .files import image_upload, pdf_upload


class ReportForm(forms.Form):
    evidence = EvidenceFilesField()


def bound(*files):
    return ReportForm(data={}, files=MultiValueDict({"evidence": list(files)}))


def test_several_files_clean_to_a_list_of_uploads():
    form = bound(image_upload(), pdf_upload())
    assert form.is_valid()
    assert [f.name for f in form.cleaned_data["evidence"]] == ["照片.jpg", "会议记录.pdf"]


def test_no_file_is_an_empty_list_unless_required():
    form = bound()
    assert form.is_valid() and form.cleaned_data["evidence"] == []

    class Required(forms.Form):
        evidence = EvidenceFilesField(required=True)

    assert not Required(data={}, files=MultiValueDict()).is_valid()


def test_too_many_files_are_refused_in_the_form(settings):
    settings.EVIDENCE_MAX_FILES = 2
    form = bound(image_upload(), image_upload(), image_upload())
    assert form.errors["evidence"] == ["一次最多上传 2 个文件。"]


def test_the_input_takes_several_files_of_the_allowed_types_and_explains_the_limits():
    html = str(ReportForm()["evidence"])
    assert "multiple" in html and 'accept="image/jpeg,image/png,image/webp,application/pdf' in html
    help_text = str(ReportForm()["evidence"].help_text)
    assert "最多 6 个，每个不超过 10 MB" in help_text and "位置和相机信息会被去除" in help_text
