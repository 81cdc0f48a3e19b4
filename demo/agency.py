"""The demo agency: Nakhon Phanom Primary Educational Service Area Office 2,
whose 2019 announcement is seed 003.

Every function creates only what is missing, found by its natural key, and
never writes to a row that exists: staff edit the demo agency like a real one,
and `make run` seeds again on every start.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from measures.models import Agency, MissionGroup
from portal.lib import roles

AGENCY = {
    "name_th": "สำนักงานเขตพื้นที่การศึกษาประถมศึกษานครพนม เขต ๒",
    "name_en": "Nakhon Phanom Primary Educational Service Area Office 2",
    "short_name": "สพป.นครพนม เขต ๒",
    "kind": Agency.Kind.PRIMARY_ESA,
    "address": "ถนนนาแก–เรณูนคร ตำบลนาแก อำเภอนาแก จังหวัดนครพนม ๔๘๑๓๐ (ที่อยู่สาธิต)",
    "phone": "042-000-000",
    "email": "contact@example.org",
    "website": "https://example.org/",
    "facebook_url": "https://www.facebook.com/example",
    "line_id": "@example",
    "head_name": "นายประสงค์ สุภา",
    "head_position": "ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษาประถมศึกษานครพนม เขต ๒",
}

# The seven mission groups of the seed's framework (ESA internal organisation
# under the Ministry of Education announcement of 2560, amended 2561).
MISSION_GROUPS = [
    (
        "policy-planning",
        "กลุ่มนโยบายและแผน",
        "Policy and Planning Group",
        "จัดทำนโยบายและแผนพัฒนาการศึกษา วิเคราะห์งบประมาณเงินอุดหนุนของสถานศึกษา "
        "ติดตามและรายงานผลการใช้จ่ายงบประมาณ",
    ),
    (
        "education-promotion",
        "กลุ่มส่งเสริมการจัดการศึกษา",
        "Education Promotion Group",
        "ส่งเสริมการจัดการศึกษาขั้นพื้นฐานทั้งในระบบ นอกระบบ และตามอัธยาศัย "
        "การศึกษาสำหรับผู้พิการและผู้ด้อยโอกาส กิจการนักเรียน และการระดมทรัพยากร",
    ),
    (
        "finance-assets",
        "กลุ่มบริหารงานการเงินและสินทรัพย์",
        "Finance and Assets Group",
        "บริหารการเงิน งานบัญชี งานพัสดุ และงานบริหารสินทรัพย์",
    ),
    (
        "supervision",
        "กลุ่มนิเทศ ติดตามและประเมินผลการจัดการศึกษา",
        "Educational Supervision, Monitoring and Evaluation Group",
        "พัฒนาหลักสูตรและกระบวนการเรียนรู้ นิเทศ ติดตาม และประกันคุณภาพการศึกษา",
    ),
    (
        "teacher-development",
        "กลุ่มพัฒนาครูและบุคลากรทางการศึกษา",
        "Teacher and Educational Personnel Development Group",
        "ฝึกอบรมพัฒนาข้าราชการครูและบุคลากรทางการศึกษา ยกย่องเชิดชูเกียรติ และสร้างเครือข่ายการพัฒนา",
    ),
    (
        "personnel",
        "กลุ่มบริหารงานบุคคล",
        "Personnel Administration Group",
        "วางแผนอัตรากำลัง สรรหา บรรจุ แต่งตั้ง ย้าย โอน และประเมินผลการปฏิบัติงาน",
    ),
    (
        "legal",
        "กลุ่มกฎหมายและคดี",
        "Legal Affairs Group",
        "ส่งเสริมวินัย สืบสวนเรื่องร้องเรียน ดำเนินการทางวินัยและคดี และป้องกันและปราบปรามการทุจริตและประพฤติมิชอบ",
    ),
]


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    full_name: str
    role: str


DEMO_ACCOUNTS = [
    DemoAccount("admin", "demo-admin-2569", "ผู้ดูแลระบบ สาธิต", roles.ADMINISTRATOR),
    DemoAccount("triage", "demo-triage-2569", "สมหญิง รับเรื่อง", roles.TRIAGE_OFFICER),
    DemoAccount("integrity", "demo-integrity-2569", "สมชาย ซื่อตรง", roles.INTEGRITY_OFFICER),
    DemoAccount("editor", "demo-editor-2569", "วันดี กลุ่มงาน", roles.MISSION_GROUP_EDITOR),
    DemoAccount("director", "demo-director-2569", "ประสงค์ สุภา", roles.DIRECTOR),
]


@transaction.atomic
def agency_seed():
    agency, _ = Agency.objects.get_or_create(pk=Agency.SINGLETON_PK, defaults=AGENCY)
    for position, (slug, name, name_en, mission) in enumerate(MISSION_GROUPS, start=1):
        MissionGroup.objects.get_or_create(
            slug=slug,
            defaults={"name": name, "name_en": name_en, "mission": mission, "position": position},
        )
    return agency


# Data migrations write these defaults through historical models, which carry
# no simple-history signals: the rows start life with an empty history, and an
# auditor asking who set the manual's text finds nothing.
@transaction.atomic
def staff_seed(*, known_passwords=True):
    """Demo staff, one per role. Existing accounts are left as they are:
    their passwords, names and roles are the administrator's to change.

    Without `known_passwords` (a server with DJANGO_DEBUG=0) the accounts get
    no usable password and none is a superuser."""
    user_model = get_user_model()
    for account in DEMO_ACCOUNTS:
        first_name, _, last_name = account.full_name.partition(" ")
        user, created = user_model.objects.get_or_create(
            username=account.username,
            defaults={
                "first_name": first_name,
                "last_name": last_name,
                "is_staff": True,
                "email": f"{account.username}@example.org",
            },
        )
        if created:
            if known_passwords:
                user.set_password(account.password)
                user.is_superuser = account.role == roles.ADMINISTRATOR
            else:
                user.set_unusable_password()
            user.save()
            user.groups.add(Group.objects.get(name=account.role))
    return DEMO_ACCOUNTS
