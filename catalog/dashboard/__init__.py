"""The vendor dashboard's products pages (/dasbor/produk/) and its products section."""
