"""Cooperatives and clusters for the clusters' and figures' tests, made the way staff make
them in the admin (models' own rules)."""

from catalog.cluster_pages import ClusterIndexPage, ClusterPage
from tests.factories import ProductFactory, VendorFactory
from vendors.cooperatives.models import Cluster, ClusterField, ClusterMember, Cooperative
from vendors.models import Kecamatan, Vendor
from website.models import HomePage


def cooperative(name, kecamatan="Legok", kind=Vendor.Kind.COOPERATIVE, **fields):
    vendor = VendorFactory(name=name, kind=kind, kecamatan=Kecamatan.objects.get(name=kecamatan))
    return Cooperative.objects.create(vendor=vendor, **fields)


def cluster(name, field_slug, anchor, slug=None):
    return Cluster.objects.create(
        name=name,
        slug=slug or name.lower().replace(" ", "-"),
        field=ClusterField.objects.get(slug=field_slug),
        anchor=anchor,
    )


def join(cluster, business):
    member = ClusterMember(cluster=cluster, business=business)
    member.full_clean(exclude=["field"])  # as the admin form: the field is the cluster's
    member.save()
    return member


def homes():
    return (
        HomePage.objects.get(locale__language_code="id"),
        HomePage.objects.get(locale__language_code="en"),
    )


def publish_pages(clusters_with_texts):
    """The /klaster/ index and one page per cluster, in Indonesian and translated to
    English: ``clusters_with_texts`` is [(cluster, slug, {"id": {...}, "en": {...}})]."""
    home_id, home_en = homes()
    index = ClusterIndexPage(title="Klaster UMKM", slug="klaster", intro="Klaster binaan.")
    home_id.add_child(instance=index)
    index.save_revision().publish()
    index_en = index.copy_for_translation(home_en.locale)
    index_en.title, index_en.intro = "Business clusters", "Clusters we support."
    index_en.save_revision().publish()
    pages = []
    for cluster_, slug, texts in clusters_with_texts:
        page = ClusterPage(slug=slug, cluster=cluster_, **texts["id"])
        index.add_child(instance=page)
        page.save_revision().publish()
        english = page.copy_for_translation(home_en.locale)
        for field, value in texts["en"].items():
            setattr(english, field, value)
        english.save_revision().publish()
        pages.append(page)
    return pages


def products(vendor, *names):
    return [ProductFactory(vendor=vendor, name=name, name_en=f"{name} (en)") for name in names]
