"""What the secretariat types as Markdown reaches the public as safe HTML."""

from uuid import uuid4

import markdown as markdown_lib
import pytest
from django.urls import reverse
from django.utils.safestring import SafeString

from hamarregion.markdown import render_markdown
from programme.models import FocusArea, NarrativeSection
from tests.admin_forms import admin_form_data
from tests.html import page_text


@pytest.mark.parametrize(
    "text",
    [
        '<script>alert("x")</script>',
        "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
        "<style>body { display: none }</style>",
    ],
)
def test_script_and_style_elements_are_removed_with_their_content(text):
    html = render_markdown(f"Før.\n\n{text}\n\nEtter.")

    assert "<script" not in html.lower()
    assert "<style" not in html.lower()
    assert "alert" not in html
    assert "display" not in html
    assert "<p>Før.</p>" in html
    assert "<p>Etter.</p>" in html


@pytest.mark.parametrize(
    "text",
    [
        "<img src=x onerror=alert(1)>",
        '<a href="https://hamar.kommune.no" onclick="alert(1)">Hamar</a>',
        '<p onmouseover="alert(1)">Tekst</p>',
    ],
)
def test_event_handler_attributes_are_removed(text):
    html = render_markdown(text)

    assert "onerror" not in html
    assert "onclick" not in html
    assert "onmouseover" not in html
    assert "alert" not in html
    assert "<img" not in html


@pytest.mark.parametrize(
    "text",
    [
        "[Klikk](javascript:alert(1))",
        '<a href="javascript:alert(1)">Klikk</a>',
        '<a href="JaVaScRiPt:alert(1)">Klikk</a>',
    ],
)
def test_javascript_urls_are_removed_but_the_link_text_stays(text):
    html = render_markdown(text)

    assert "javascript" not in html.lower()
    assert "Klikk" in html


def test_style_attributes_are_removed():
    html = render_markdown('<p style="color: red">Rød tekst</p>')

    assert "style" not in html
    assert "<p>Rød tekst</p>" in html


def test_iframes_are_removed():
    html = render_markdown('<iframe src="https://evil.example/"></iframe>\n\nTekst.')

    assert "<iframe" not in html
    assert "evil.example" not in html
    assert "<p>Tekst.</p>" in html


def test_paragraphs_and_emphasis_are_kept():
    html = render_markdown("Første avsnitt med **fet** og *kursiv*.\n\nAndre avsnitt.")

    assert html == (
        "<p>Første avsnitt med <strong>fet</strong> og <em>kursiv</em>.</p>\n<p>Andre avsnitt.</p>"
    )


def test_bullet_and_numbered_lists_are_kept():
    html = render_markdown("- Hamar\n- Løten\n\n1. Ringsaker\n2. Stange")

    assert "<ul>\n<li>Hamar</li>\n<li>Løten</li>\n</ul>" in html
    assert "<ol>\n<li>Ringsaker</li>\n<li>Stange</li>\n</ol>" in html


def test_https_and_mailto_links_are_kept_and_open_without_referrer():
    html = render_markdown(
        "[Hamar kommune](https://www.hamar.kommune.no/) og [e-post](mailto:post@example.org)"
    )

    assert (
        '<a href="https://www.hamar.kommune.no/" rel="noopener noreferrer">Hamar kommune</a>'
        in html
    )
    assert '<a href="mailto:post@example.org" rel="noopener noreferrer">e-post</a>' in html


def test_empty_text_renders_nothing():
    assert render_markdown("") == ""
    assert render_markdown(None) == ""


def test_a_text_is_rendered_once_and_each_text_keeps_its_own_html(monkeypatch):
    rendered = []
    render = markdown_lib.markdown

    def counting_render(text, **options):
        rendered.append(text)
        return render(text, **options)

    monkeypatch.setattr(markdown_lib, "markdown", counting_render)
    # Texts no other test has rendered, so that none is kept from before.
    plain = f"Første tekst {uuid4()}."
    unsafe = f"Andre **tekst** {uuid4()}.\n\n<script>alert(1)</script>"

    pages = [render_markdown(text) for text in (plain, unsafe, plain, unsafe, plain)]

    assert rendered == [plain, unsafe]
    assert pages[0] == pages[2] == pages[4] == f"<p>{plain}</p>"
    assert pages[1] == pages[3]
    assert pages[1].startswith("<p>Andre <strong>tekst</strong>")
    assert "script" not in pages[3]
    assert all(isinstance(page, SafeString) for page in pages)


@pytest.mark.django_db
def test_script_typed_into_the_admin_never_reaches_the_public_page(
    client, secretariat_client, programme_fixture
):
    focus_area = FocusArea.objects.get(slug="diskusjonsarena")
    change_url = reverse("admin:programme_focusarea_change", args=[focus_area.pk])
    form = secretariat_client.get(change_url)
    prefixes = [inline.formset.prefix for inline in form.context["inline_admin_formsets"]]
    assert prefixes == ["themes", "sections", "commitments"]
    body = (
        "Trygg tekst før.\n\n"
        '<script>alert("x")</script>\n\n'
        "<img src=x onerror=alert(1)>\n\n"
        "Trygg tekst etter."
    )

    response = secretariat_client.post(
        change_url, admin_form_data(form, **{"sections-0-body": body})
    )

    assert response.status_code == 302
    assert NarrativeSection.objects.get(focus_area=focus_area).body == body
    public = client.get(focus_area.get_absolute_url())
    content = public.content.decode()
    assert "<script" not in content.lower()
    assert "onerror" not in content
    assert "alert(" not in content
    assert "Trygg tekst før." in page_text(public)
    assert "Trygg tekst etter." in page_text(public)
