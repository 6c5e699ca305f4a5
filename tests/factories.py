import factory
from django.utils import timezone

from catalog.models import Category, Product
from vendors.models import HalalCertificate, Kecamatan, Membership, Vendor
from website.models import User


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    password = factory.PostGenerationMethodCall("set_password", "Rahasia-123")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class StaffFactory(UserFactory):
    is_staff = True
    is_superuser = True


class VendorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vendor

    name = factory.Sequence(lambda n: f"Usaha Mikro {n}")
    slug = factory.Sequence(lambda n: f"usaha-mikro-{n}")
    nib = factory.Sequence(lambda n: f"{9100000000000 + n:013d}")
    kecamatan = factory.LazyFunction(lambda: Kecamatan.objects.get(name="Legok"))
    whatsapp = "6281234567890"
    status = Vendor.Status.ACTIVE
    nib_status = Vendor.NibStatus.VERIFIED
    description = "Usaha keluarga."


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    vendor = factory.SubFactory(VendorFactory)
    role = Membership.Role.OWNER


class HalalCertificateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HalalCertificate

    vendor = factory.SubFactory(VendorFactory)
    number = factory.Sequence(lambda n: f"ID3603{n:013d}")
    issued_on = factory.LazyFunction(lambda: timezone.localdate().replace(year=2024))
    status = HalalCertificate.Status.VERIFIED
    covers_all_products = True


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Kategori {n}")
    name_en = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"kategori-{n}")


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Product

    vendor = factory.SubFactory(VendorFactory)
    category = factory.SubFactory(CategoryFactory)
    name = factory.Sequence(lambda n: f"Keripik {n}")
    slug = factory.Sequence(lambda n: f"keripik-{n}")
    price = 25000
    unit = "250 g"
    stock = 10
    status = Product.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)
