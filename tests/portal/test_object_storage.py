"""Several hosts share their files through S3-compatible object storage: a
complaint's photo filed on one host is opened by staff from another, and photos
in the bucket reach the PDF. The bucket is moto's S3 server on this machine."""

import io

import boto3
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone
from moto.server import ThreadedMotoServer
from pypdf import PdfReader

from feedback.models import Attachment
from portal.lib.pdf import ResourceRefused, html_to_pdf, resolve_resource
from tests import factories
from tests.factories import feedback as fb
from tests.login import login_staff

pytestmark = pytest.mark.django_db
BUCKET = "portal-files"


@pytest.fixture(scope="module")
def s3_endpoint():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_endpoint, settings, monkeypatch, tmp_path):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "portal")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "portal-secret")
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1")
    client.create_bucket(Bucket=BUCKET)
    options = {"bucket_name": BUCKET, "endpoint_url": s3_endpoint, "region_name": "us-east-1"}
    settings.STORAGES = settings.STORAGES | {
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": options | {"location": "public", "querystring_auth": False},
        },
        "private": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": options | {"location": "private"},
        },
    }
    # Nothing may land on this host's disk.
    settings.MEDIA_ROOT = tmp_path / "no-media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "no-private"
    yield client
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


def keys(client):
    return sorted(item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []))


def files_on_disk(settings):
    return [
        path
        for root in (settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT)
        if root.exists()
        for path in root.rglob("*")
        if path.is_file()
    ]


def test_an_attachment_filed_on_one_host_is_opened_by_staff_on_another(
    bucket, client, settings, agency, triage_officer
):
    photo = factories.jpeg_upload()
    response = client.post(reverse("feedback:submit"), fb.form_data(attachments=[photo]))
    assert response.status_code == 302

    stored = keys(bucket)
    assert len(stored) == 1 and stored[0].startswith("private/")
    attachment = Attachment.objects.get()

    login_staff(client, triage_officer)
    download = client.get(reverse("feedback:attachment", args=[attachment.pk]))
    assert download.status_code == 200
    body = b"".join(download.streaming_content)
    original = bucket.get_object(Bucket=BUCKET, Key=stored[0])["Body"].read()
    assert body == original and body[:3] == b"\xff\xd8\xff"  # the stored JPEG
    assert not files_on_disk(settings)


def test_a_photo_in_the_bucket_reaches_the_pdf(bucket, s3_endpoint):
    jpeg = factories.jpeg_upload().read()
    name = default_storage.save("activities/photo.jpg", ContentFile(jpeg))
    assert keys(bucket) == [f"public/{name}"]

    # As a template writes it, {{ photo.url }}: the bucket's own address.
    url = default_storage.url(name)
    assert url.startswith(s3_endpoint)
    pdf = html_to_pdf(
        f'<html lang="th"><body><p>ภาพกิจกรรม</p><img src="{url}" alt="ภาพ"></body></html>',
        title="ทดสอบ",
        author="สำนักงานทดสอบ",
        created=timezone.now(),
    )

    images = PdfReader(io.BytesIO(pdf)).pages[0].images
    assert len(images) == 1


def test_a_document_reaches_only_its_own_bucket_prefix(bucket, s3_endpoint):
    default_storage.save("ok.jpg", ContentFile(factories.jpeg_upload().read()))
    bucket.put_object(Bucket=BUCKET, Key="private/secret.jpg", Body=b"secret")
    with pytest.raises(ResourceRefused):
        resolve_resource(f"{s3_endpoint}/{BUCKET}/private/secret.jpg")
    with pytest.raises(ResourceRefused):
        resolve_resource(f"{s3_endpoint}/{BUCKET}/public/../private/secret.jpg")
    assert resolve_resource(default_storage.url("ok.jpg"))[:3] == b"\xff\xd8\xff"
