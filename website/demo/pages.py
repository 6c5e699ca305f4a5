"""The content pages of the demo: the About page, in Indonesian and English."""

from wagtail.models import Locale

from website.models import HomePage, StandardPage


def seed_pages():
    home = HomePage.objects.get(locale__language_code="id")
    if home.get_children().filter(slug="tentang").exists():
        return
    about = StandardPage(
        title="Tentang Etalase Tangerang",
        slug="tentang",
        intro="Etalase Tangerang adalah etalase daring usaha mikro dan koperasi "
        "Kabupaten Tangerang, dikelola Dinas Koperasi dan Usaha Mikro.",
        body=[
            ("heading", "Mengapa Etalase?"),
            (
                "paragraph",
                "<p>Kabupaten Tangerang memiliki sekitar 78.554 usaha mikro "
                "(2025) dan 274 koperasi desa/kelurahan. Etalase mempertemukan mereka "
                "dengan pembeli, hotel, dan ritel modern.</p>",
            ),
        ],
    )
    home.add_child(instance=about)
    about.save_revision().publish()
    translate_about(about)


def translate_about(about):
    english = Locale.objects.get(language_code="en")
    about_en = about.copy_for_translation(english)
    about_en.title = "About Etalase Tangerang"
    about_en.slug = "about"
    about_en.intro = (
        "Etalase Tangerang is the online showcase of Kabupaten Tangerang's "
        "micro-businesses and cooperatives, run by the regency's cooperatives office."
    )
    about_en.body = [
        ("heading", "Why Etalase?"),
        (
            "paragraph",
            "<p>Kabupaten Tangerang counts about 78,554 micro-businesses "
            "(2025) and 274 village cooperatives. Etalase connects them with shoppers, "
            "hotels and modern retail.</p>",
        ),
    ]
    about_en.save_revision().publish()
