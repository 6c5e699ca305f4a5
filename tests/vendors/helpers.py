def profile_form(vendor, /, **overrides) -> dict:
    """What the vendor profile form (/dasbor/profil/) posts for ``vendor``, valid as it is;
    ``overrides`` change or add fields."""
    return {
        "name": vendor.name,
        "kind": "usaha_mikro",
        "kecamatan": vendor.kecamatan_id,
        "desa": "",
        "address": "",
        "whatsapp": "081234567890",
        "email": "",
        "description": "",
        "description_en": "",
        "year_founded": "",
        "kbli_codes": "",
        "kbli_edition": "2020",
        **overrides,
    }
