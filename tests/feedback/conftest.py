import pytest

from tests import factories


@pytest.fixture
def mission_group(db):
    return factories.mission_group(name="กลุ่มบริหารงานการเงินและสินทรัพย์")
