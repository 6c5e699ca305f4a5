"""After the sale: the vendor's parts and statement on the vendor dashboard (/dasbor/) and
the outlet counter (/outlet/<location>/)."""
