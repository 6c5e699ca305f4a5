"""Payment by bank transfer: the operator's collecting account, from the settings. The buyer's
receipt and the staff's decision on it are services (``orders.services.transfers``)."""

from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class BankAccount:
    bank: str
    number: str
    holder: str


def collecting_account() -> BankAccount | None:
    """The account buyers transfer to, from the settings; None while any part is missing
    (then transfer is not offered)."""
    account = BankAccount(
        bank=settings.TRANSFER_BANK_NAME.strip(),
        number=settings.TRANSFER_ACCOUNT_NUMBER.strip(),
        holder=settings.TRANSFER_ACCOUNT_HOLDER.strip(),
    )
    return account if account.bank and account.number and account.holder else None


def is_configured() -> bool:
    return collecting_account() is not None
