"""The attachments' folder full or read-only, for real: a tiny tmpfs mounted
where the private storage writes. The case is refused with a Thai message that
says what to do, every typed value comes back, and nothing is left behind: no
case, no attachment row, no file.

Mounting needs root (CI and these machines run as root); elsewhere the mount
tests are skipped and the storage refusing the write is rehearsed alone.
"""

import errno
import io
import subprocess

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from feedback.models import Attachment, Case
from feedback.storage import PrivateStorage
from tests import factories
from tests.factories import feedback as fb

pytestmark = pytest.mark.django_db

FOLDER_SIZE = 64 * 1024  # bytes: room for a small photo, not for a big one


def noisy_photo(name, side=600):
    """A JPEG that stays large after the upload check re-encodes it: noise
    does not compress."""
    buffer = io.BytesIO()
    Image.effect_noise((side, side), 100).convert("RGB").save(buffer, format="JPEG", quality=95)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


@pytest.fixture
def attachment_folder(settings):
    """The private storage's folder, as a tmpfs of FOLDER_SIZE bytes."""
    folder = settings.PRIVATE_MEDIA_ROOT / "feedback"
    folder.mkdir(parents=True)

    def mount(*options):
        mounted = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", ",".join(["size=64k", *options]), "tmpfs", folder],
            capture_output=True,
        )
        if mounted.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")

    mount.folder = folder
    yield mount
    subprocess.run(["umount", "--lazy", folder], capture_output=True)


def files_in(folder):
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def send_with_photos(client, *photos):
    data = fb.form_data(details="ถนนหน้าหมู่บ้านเป็นหลุมลึก รถจักรยานยนต์ล้มทุกวัน", attachments=photos)
    return data, client.post(reverse("feedback:submit"), data)


def assert_refused_whole(response, data, folder):
    assert response.status_code == 503
    html = response.content.decode()
    assert "ขณะนี้ระบบจัดเก็บไฟล์แนบไม่ได้" in html  # what happened …
    assert "หรือส่งโดยไม่แนบไฟล์" in html  # … and what to do
    assert "ถนนหน้าหมู่บ้านเป็นหลุมลึก" in html and data["submission_token"] in html
    assert Case.objects.count() == 0 and Attachment.objects.count() == 0
    assert files_in(folder) == []


def test_a_full_folder_refuses_the_case_and_keeps_no_file(client, agency, attachment_folder):
    attachment_folder()
    # The small photo is written, the big one finds the folder full: the small
    # one must go too, with the case's rows.
    data, response = send_with_photos(
        client, factories.jpeg_upload("small.jpg"), noisy_photo("big.jpg")
    )
    assert_refused_whole(response, data, attachment_folder.folder)
    # Without the files the same case goes through.
    data.pop("attachments")
    response = client.post(reverse("feedback:submit"), data)
    assert response.status_code == 302 and Case.objects.count() == 1


def test_a_read_only_folder_refuses_the_case(client, agency, attachment_folder):
    attachment_folder("ro")
    data, response = send_with_photos(client, factories.jpeg_upload("roof.jpg"))
    assert_refused_whole(response, data, attachment_folder.folder)


def test_a_storage_refusing_the_second_file_leaves_nothing(client, agency, settings, monkeypatch):
    written = []
    save = PrivateStorage._save

    def save_one_then_full(self, name, content):
        if written:
            raise OSError(errno.ENOSPC, "No space left on device")
        written.append(name)
        return save(self, name, content)

    monkeypatch.setattr(PrivateStorage, "_save", save_one_then_full)
    data, response = send_with_photos(
        client, factories.jpeg_upload("a.jpg"), factories.jpeg_upload("b.jpg")
    )
    assert written  # the first file was written before the second failed
    assert_refused_whole(response, data, settings.PRIVATE_MEDIA_ROOT)


def test_a_bucket_refusing_the_write_refuses_the_case_like_a_full_folder(
    client, agency, settings, monkeypatch
):
    from botocore.exceptions import ClientError

    def bucket_throttling(self, name, content):
        raise ClientError(
            {"Error": {"Code": "SlowDown", "Message": "Reduce your rate"}}, "PutObject"
        )

    monkeypatch.setattr(PrivateStorage, "_save", bucket_throttling)
    data, response = send_with_photos(client, factories.jpeg_upload("a.jpg"))
    assert_refused_whole(response, data, settings.PRIVATE_MEDIA_ROOT)


def test_a_storage_failure_on_the_tracking_page_keeps_the_citizens_words(
    client, agency, monkeypatch
):
    from feedback.models import CitizenMessage

    case = fb.case()
    client.post(reverse("feedback:track"), {"code": case.tracking_code})

    def disk_full(self, name, content):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(PrivateStorage, "_save", disk_full)
    response = client.post(
        reverse("feedback:track_add", args=[case.pk]),
        {"body": "รูปหลุมเพิ่มเติมจากเมื่อวาน", "attachments": [factories.jpeg_upload("c.jpg")]},
    )
    assert response.status_code == 503
    html = response.content.decode()
    assert "รูปหลุมเพิ่มเติมจากเมื่อวาน" in html and "หรือส่งโดยไม่แนบไฟล์" in html
    assert not CitizenMessage.objects.exists()
