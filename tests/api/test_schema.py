"""The OpenAPI schema validates, and its documentation page is served from our own files."""

from django.core.management import call_command


def test_the_openapi_schema_validates_without_warnings(tmp_path):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "s.yml"))
    text = (tmp_path / "s.yml").read_text()
    assert "/api/v1/actuals/" in text and "bearerAuth" in text


def test_the_schema_and_docs_page_need_no_token(client):
    assert client.get("/api/v1/schema/").status_code == 200
    page = client.get("/api/docs/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "<script>" not in html and "<style" not in html  # the site's CSP holds
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert "http" not in html.split("<body>")[1].replace("https://", "").split("swagger-ui")[0]
    script = client.get("/api/docs/?script=")
    assert script.status_code == 200 and "SwaggerUIBundle" in script.content.decode()
