"""The curation criteria, published (/kurasi/) in both languages and linked from the outlet
pages and the footer; staff score a proposal against each active criterion with a reason;
the weighted total shows; the vendor reads its own scores on /dasbor/, never another's."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import PermissionDenied, ValidationError

from catalog import curation_criteria
from catalog.models import CurationCriterion, Location, LocationStock, ProposalScore
from tests.catalog.test_outlet_pages import shelves  # noqa: F401  (a fixture)
from tests.factories import MembershipFactory, ProductFactory, StaffFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_day")]

SEEDED = ["Quality", "Taste", "Packaging", "Local identity", "Halal", "Permits"]
SEEDED_ID = ["Kualitas", "Rasa", "Kemasan", "Identitas lokal", "Halal", "Perizinan"]


def criteria_names(html):
    soup = BeautifulSoup(html, "html.parser")
    return [item.h2.get_text(strip=True) for item in soup.select("[data-criterion]")]


def proposal(vendor=None, name="Keripik Usul"):
    location = Location.objects.create(
        name="Sentral Oleh-Oleh Terminal 3",
        slug=f"t3-{name.lower().replace(' ', '-')}",
        kind=Location.Kind.AIRPORT,
        address="Terminal 3",
        opens_at=datetime.time(5),
        closes_at=datetime.time(22),
    )
    product = ProductFactory(name=name, **({"vendor": vendor} if vendor else {}))
    return LocationStock.objects.create(location=location, product=product)


def full_scores(score=4, reason="Baik"):
    return {c.pk: (score, f"{reason} {c.name_en}") for c in CurationCriterion.objects.all()}


def test_the_six_criteria_are_published_in_both_languages(client):
    assert criteria_names(client.get("/kurasi/").content.decode()) == SEEDED_ID
    english = client.get("/en/kurasi/").content.decode()
    assert criteria_names(english) == SEEDED
    assert "cabin" in english  # what is judged, in English
    CurationCriterion.objects.filter(name="Rasa").update(active=False)
    assert "Rasa" not in criteria_names(client.get("/kurasi/").content.decode())


def test_the_footer_links_to_the_criteria_in_the_readers_language(client):
    soup = BeautifulSoup(client.get("/en/kurasi/").content.decode(), "html.parser")
    assert soup.select_one('footer a[href="/en/kurasi/"]')
    soup = BeautifulSoup(client.get("/kurasi/").content.decode(), "html.parser")
    assert soup.select_one('footer a[href="/kurasi/"]')


def test_staff_score_a_proposal_and_the_weighted_total_shows(client):
    staff = StaffFactory()
    client.force_login(staff)
    stock = proposal()
    CurationCriterion.objects.filter(name="Halal").update(weight=3)
    data = {}
    for criterion in CurationCriterion.objects.all():
        score = 2 if criterion.name == "Halal" else 5
        data[f"score-{criterion.pk}"] = str(score)
        data[f"reason-{criterion.pk}"] = f"Alasan {criterion.name}"
    url = f"/admin/outlet-curation/stock/{stock.pk}/scores/"
    response = client.post(url, data)
    assert response.status_code == 302
    assert ProposalScore.objects.filter(proposal=stock).count() == 6
    # (5 × 5 × 1 + 2 × 3) / 8 = 3.875 → 3,9 (the admin in Indonesian)
    page = client.get(f"/admin/outlet-curation/{stock.location.pk}/").content.decode()
    soup = BeautifulSoup(page, "html.parser")
    assert "3,9" in soup.select_one(f'tr[data-stock="{stock.pk}"] [data-score-link]').get_text()


def test_a_missing_score_is_refused_and_what_was_typed_stays(client):
    client.force_login(StaffFactory())
    stock = proposal()
    first, *rest = CurationCriterion.objects.all()
    data = {f"score-{c.pk}": "4" for c in rest} | {f"reason-{first.pk}": "Rasa belum pas"}
    response = client.post(f"/admin/outlet-curation/stock/{stock.pk}/scores/", data)
    assert response.status_code == 200
    assert "Rasa belum pas" in response.content.decode()
    assert not ProposalScore.objects.exists()


def test_only_staff_score_and_only_proposals():
    stock = proposal()
    with pytest.raises(PermissionDenied):
        curation_criteria.score_proposal(stock, UserFactory(), full_scores())
    stock.status = LocationStock.Status.ACCEPTED
    stock.save()
    with pytest.raises(ValidationError):
        curation_criteria.score_proposal(stock, StaffFactory(), full_scores())
    stock.status = LocationStock.Status.PROPOSED
    stock.save()
    with pytest.raises(ValidationError):
        curation_criteria.score_proposal(stock, StaffFactory(), full_scores(score=6))


def test_the_vendor_reads_its_own_scores_and_never_anothers(client):
    mine = MembershipFactory()
    other = MembershipFactory()
    my_stock = proposal(mine.vendor, "Dodol Milik Saya")
    their_stock = proposal(other.vendor, "Kopi Orang Lain")
    staff = StaffFactory()
    curation_criteria.score_proposal(my_stock, staff, full_scores(3, "Cukup"))
    curation_criteria.score_proposal(their_stock, staff, full_scores(5, "Rahasia"))
    client.force_login(mine.user)
    page = client.get("/en/dasbor/").content.decode()
    assert "Dodol Milik Saya" in page
    assert "Cukup Packaging" in page
    assert "Weighted total: 3.0 of 5" in page
    assert "Kopi Orang Lain" not in page
    assert "Rahasia" not in page


@pytest.mark.parametrize(
    "path, href",
    [
        ("/rppkum/", "/kurasi/"),
        ("/outlet-bandara/", "/kurasi/"),
        ("/en/rppkum/", "/en/kurasi/"),
        ("/en/outlet-bandara/", "/en/kurasi/"),
    ],
)
@pytest.mark.usefixtures("shelves")
def test_the_outlet_pages_link_to_the_criteria(client, path, href):
    soup = BeautifulSoup(client.get(path).content.decode(), "html.parser")
    assert soup.select_one(f'.visit a[href="{href}"]'), path
