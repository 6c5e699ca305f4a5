from .base import *  # noqa: F403

DEBUG = True
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}

# A demo collecting account, so that `make run` can take orders paid by bank transfer.
TRANSFER_BANK_NAME = os.environ.get("TRANSFER_BANK_NAME", "Bank BJB (demo)")  # noqa: F405
TRANSFER_ACCOUNT_NUMBER = os.environ.get("TRANSFER_ACCOUNT_NUMBER", "0001234567890")  # noqa: F405
TRANSFER_ACCOUNT_HOLDER = os.environ.get(  # noqa: F405
    "TRANSFER_ACCOUNT_HOLDER", "Dinas Koperasi dan Usaha Mikro Kab. Tangerang (demo)"
)
