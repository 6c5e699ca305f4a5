"""Cooperatives as the office keeps them: every classification and status, KDKMP in several
desa, boards, member counts over time, RATs of two book years (some missing, one waiting,
one sent back), member businesses (one product marketed by its cooperative) and two clusters
with their pages. Through the same services staff and cooperatives use."""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.text import slugify

from catalog.cluster_pages import ClusterIndexPage, ClusterPage
from catalog.models import Product
from vendors.cooperatives import membership, rat_services, services
from vendors.cooperatives.models import Cluster, ClusterField, ClusterMember, Cooperative
from vendors.models import Desa, Kecamatan, Membership, Vendor
from website.demo.people import account
from website.demo.vendors import create_applicant, decide
from website.models import HomePage, User

Status = Cooperative.Status
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

# New cooperatives beside the four of the vendors' list: (name, kind, kecamatan, desa, story).
MORE = [
    (
        "Koperasi Simpan Pinjam Citra Balaraja",
        "koperasi",
        "Balaraja",
        "Saga",
        "Simpan pinjam untuk pedagang pasar Balaraja sejak 1998.",
    ),
    (
        "Koperasi Jasa Wisata Pesisir Teluknaga",
        "koperasi",
        "Teluknaga",
        "Lemo",
        "Perahu dan pemandu wisata mangrove; berhenti beroperasi sejak 2023.",
    ),
    (
        "KSU Maju Bersama Cikupa",
        "koperasi",
        "Cikupa",
        "Talaga",
        "Koperasi serba usaha lama yang sedang dihidupkan kembali.",
    ),
    (
        "Koperasi Nelayan Kronjo Jaya",
        "koperasi",
        "Kronjo",
        "Pasilian",
        "Koperasi nelayan yang anggotanya memutuskan membubarkan diri.",
    ),
    (
        "KDKMP Desa Karang Serang",
        "kdkmp",
        "Sukadiri",
        "Karang Serang",
        "Koperasi Desa Merah Putih: sembako murah dan gudang gabah desa.",
    ),
    (
        "KDKMP Kelurahan Kutabumi",
        "kdkmp",
        "Pasar Kemis",
        "Kutabumi",
        "Koperasi Kelurahan Merah Putih: warung dan jasa antar untuk warga.",
    ),
]

# (name, classification, status path, AHU number and date, RAT 2024, RAT 2025)
# RAT: "verified", "pending", "sent_back" or None (not held or not reported).
RECORDS = [
    (
        "Koperasi Produsen Kelapa Dua",
        "produsen",
        [],
        ("0004512", "2019-03-12"),
        "verified",
        "verified",
    ),
    (
        "Koperasi Wanita Sejahtera Mauk",
        "pemasaran",
        [],
        ("0002231", "2017-08-01"),
        "verified",
        "pending",
    ),
    ("KDKMP Desa Kronjo Mandiri", "konsumen", [], ("0031877", "2025-07-21"), None, "verified"),
    ("KDKMP Desa Jambe Berdaya", "", [], None, None, None),
    (
        "Koperasi Simpan Pinjam Citra Balaraja",
        "simpan_pinjam",
        [],
        ("0000873", "1998-05-04"),
        "verified",
        "sent_back",
    ),
    (
        "Koperasi Jasa Wisata Pesisir Teluknaga",
        "jasa",
        ["tidak_aktif"],
        ("0010077", "2015-02-10"),
        "verified",
        None,
    ),
    (
        "KSU Maju Bersama Cikupa",
        "serba_usaha",
        ["tidak_aktif", "direvitalisasi"],
        ("0006120", "2012-11-30"),
        None,
        None,
    ),
    (
        "Koperasi Nelayan Kronjo Jaya",
        "produsen",
        ["dalam_pembubaran"],
        ("0003309", "2010-06-15"),
        None,
        None,
    ),
    ("KDKMP Desa Karang Serang", "konsumen", [], ("0031902", "2025-07-21"), None, "verified"),
    ("KDKMP Kelurahan Kutabumi", "pemasaran", [], ("0032015", "2025-08-04"), None, None),
]

# The demo seller's food business: a member of the culinary cluster's cooperative.
OWN = "Keripik Tempe Bu Sari"

BOARD = [
    ("ketua", "Hj. Siti Rohmah"),
    ("sekretaris", "Ahmad Fauzi"),
    ("bendahara", "Nurhayati"),
    ("pengawas", "Drs. Bambang Sutrisno"),
]

CLUSTERS = [
    (
        "Klaster Kuliner Kelapa Dua",
        "kuliner",
        "Koperasi Produsen Kelapa Dua",
        [OWN, "Sambal Mbak Rina", "Kue Kering Sepatan Timur"],
        {
            "id": (
                "Klaster Kuliner Kelapa Dua",
                "Usaha kuliner di sekitar Kelapa Dua yang dipasarkan bersama oleh koperasinya.",
            ),
            "en": (
                "Kelapa Dua food cluster",
                "Food businesses around Kelapa Dua, marketed together by their cooperative.",
            ),
        },
    ),
    (
        "Klaster Kerajinan Pesisir",
        "kerajinan",
        "Koperasi Wanita Sejahtera Mauk",
        ["Anyaman Pandan Kresek", "Gerabah Teluknaga", "Batik Tangerang Lestari"],
        {
            "id": (
                "Klaster Kerajinan Pesisir",
                "Anyaman, gerabah dan batik dari pesisir utara, dipasarkan koperasi wanita Mauk.",
            ),
            "en": (
                "Coastal crafts cluster",
                "Weaving, pottery and batik from the north coast, marketed by the Mauk women's "
                "cooperative.",
            ),
        },
    ),
]


def seed_cooperatives(admin, seller):
    if Cooperative.objects.exclude(ahu_number=None).exists():
        return
    _more_cooperatives(admin)
    chair = account("koperasi", email="koperasi@example.com", first_name="Siti", last_name="Rohmah")
    for name, classification, statuses, ahu, rat_2024, rat_2025 in RECORDS:
        vendor = Vendor.objects.get(name=name)
        cooperative = services.cooperative_for(vendor)
        admin_user = chair if name in {r[2] for r in CLUSTERS} else _board_user(vendor)
        Membership.objects.get_or_create(user=admin_user, vendor=vendor)
        _record(cooperative, admin, admin_user, classification, statuses, ahu)
        for year, state in ((2024, rat_2024), (2025, rat_2025)):
            if state:
                _rat(cooperative, admin, admin_user, year, state)
    _members(seller, chair)
    _clusters()


def _more_cooperatives(admin):
    kecamatan = {k.name: k for k in Kecamatan.objects.all()}
    long_ago = timezone.now() - datetime.timedelta(days=400)
    for offset, (name, kind, kec, desa, story) in enumerate(MORE):
        if not Vendor.objects.filter(slug=slugify(name)).exists():
            # Indexes past the vendors' list keep their NIB apart; registered long ago.
            vendor = create_applicant(40 + offset, name, kind, kecamatan[kec], desa, story)
            Vendor.objects.filter(pk=vendor.pk).update(created_at=long_ago)
            vendor.refresh_from_db()
            decide(vendor, "verified", admin)


def _board_user(vendor):
    return _user_without_login(f"pengurus-{vendor.pk}", "Pengurus", vendor.name)


def _user_without_login(username, first_name, last_name):
    """Someone the demo needs as an actor but nobody signs in as (no password)."""
    user, created = User.objects.get_or_create(
        username=username, defaults={"first_name": first_name, "last_name": last_name[:100]}
    )
    if created:
        user.set_unusable_password()
        user.save()
    return user


def _record(cooperative, admin, admin_user, classification, statuses, ahu):
    vendor = cooperative.vendor
    if ahu:
        number, day = ahu
        year = day[:4]
        services.record_legal_entity(
            cooperative, admin, f"AHU-{number}.AH.01.26.TAHUN {year}",
            datetime.date.fromisoformat(day),
        )  # fmt: skip
    if classification == Cooperative.Classification.MULTIPURPOSE:
        # A record from before Permenkop 8/2021: kept as it was, listed for staff to migrate.
        Cooperative.objects.filter(pk=cooperative.pk).update(classification=classification)
    elif classification:
        services.classify(cooperative, admin, classification)
    if vendor.kind == Vendor.Kind.VILLAGE_COOPERATIVE:
        village = Desa.objects.get(kecamatan=vendor.kecamatan, name=vendor.desa)
        services.set_village(cooperative, admin, village)
    for role, person in BOARD:
        services.add_board_member(
            cooperative, admin, role, person,
            datetime.date(2024, 1, 15), datetime.date(2028, 1, 14),
        )  # fmt: skip
    base = vendor.member_count or 40
    for day, members in (("2025-01-31", base - 6), ("2025-07-31", base - 2), ("2026-01-31", base)):
        services.record_member_count(
            cooperative, admin_user, datetime.date.fromisoformat(day), members
        )
    for status in statuses:
        services.change_status(cooperative, admin, status, "Hasil pembinaan Diskum.")


def _rat(cooperative, admin, admin_user, year, state):
    meeting = rat_services.record_rat(
        cooperative,
        admin_user,
        book_year=year,
        held_on=datetime.date(year + 1, 3, 20),
        members_present=max((cooperative.vendor.member_count or 40) * 3 // 4, 1),
        report=ContentFile(PDF, name=f"laporan-rat-{year}.pdf"),
        summary=f"RAT tahun buku {year}: laporan pengurus dan pengawas diterima, SHU dibagi.",
    )
    if state == "verified":
        rat_services.verify_rat(meeting, admin)
    elif state == "sent_back":
        rat_services.send_back_rat(
            meeting, admin, "Lampirkan daftar hadir anggota yang ditandatangani."
        )
    return meeting


def _members(seller, chair):
    """Businesses that joined: two asked and were accepted, one was invited and agreed, one
    asked and waits, one is invited and has not answered; the seller's first product is
    marketed by its cooperative."""
    produsen = Cooperative.objects.get(vendor__name="Koperasi Produsen Kelapa Dua")
    wanita = Cooperative.objects.get(vendor__name="Koperasi Wanita Sejahtera Mauk")
    own = Vendor.objects.filter(memberships__user=seller, name=OWN).first()
    for business_name, cooperative, how in [
        (own.name if own else None, produsen, "accepted"),
        ("Sambal Mbak Rina", produsen, "accepted"),
        ("Dodol Betawi Pasar Kemis", produsen, "requested"),
        ("Anyaman Pandan Kresek", wanita, "invited_accepted"),
        ("Gerabah Teluknaga", wanita, "invited"),
    ]:
        business = Vendor.objects.filter(name=business_name, status="active").first()
        if business is None:
            continue
        owner = _owner(business, seller)
        if how.startswith("invited"):
            joined = membership.invite(cooperative, business, chair)
            if how == "invited_accepted":
                membership.accept_invitation(joined, owner)
        else:
            joined = membership.ask_to_join(business, cooperative, owner)
            if how == "accepted":
                membership.accept_request(joined, chair)
    if own is not None:
        product = Product.objects.filter(vendor=own).order_by("pk").first()
        if product is not None:
            Product.objects.filter(pk=product.pk).update(marketed_by=produsen.vendor)


def _owner(business, seller):
    member = business.memberships.select_related("user").first()
    if member is not None:
        return member.user
    user = _user_without_login(f"pemilik-{business.pk}", "Pemilik", business.name)
    Membership.objects.create(user=user, vendor=business)
    return user


def _clusters():
    home_id = HomePage.objects.get(locale__language_code="id")
    home_en = HomePage.objects.get(locale__language_code="en")
    index = ClusterIndexPage(
        title="Klaster UMKM",
        slug="klaster",
        intro="Usaha mikro sebidang yang dihimpun dan dipasarkan bersama oleh satu koperasi.",
    )
    home_id.add_child(instance=index)
    index.save_revision().publish()
    index_en = index.copy_for_translation(home_en.locale)
    index_en.title = "Business clusters"
    index_en.intro = "Micro-businesses of one field, gathered and marketed by one cooperative."
    index_en.save_revision().publish()
    for name, field, anchor, members, texts in CLUSTERS:
        cluster = Cluster.objects.create(
            name=name,
            slug=slugify(name),
            field=ClusterField.objects.get(slug=field),
            anchor=Cooperative.objects.get(vendor__name=anchor),
        )
        for business in Vendor.objects.filter(name__in=members):
            member = ClusterMember(cluster=cluster, business=business)
            member.full_clean(exclude=["field"])
            member.save()
        title, intro = texts["id"]
        page = ClusterPage(title=title, slug=slugify(name), cluster=cluster, intro=intro)
        index.add_child(instance=page)
        page.save_revision().publish()
        english = page.copy_for_translation(home_en.locale)
        english.title, english.intro = texts["en"]
        english.save_revision().publish()
