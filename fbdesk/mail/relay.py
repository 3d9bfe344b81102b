"""Amazon's Buyer-Seller Messaging relay: the anonymised buyer addresses and the order ids mail carries.

Each marketplace relays through `marketplace.amazon.<its domain>`: a buyer of amazon.de is
`xyz123@marketplace.amazon.de`. Mail from the seller's registered address to that address reaches the buyer; the
buyer's replies come back from it.
"""

from __future__ import annotations

import re
from email.headerregistry import Address
from email.utils import parseaddr

# Marketplace (as in fbdesk.domain.reports.MARKETPLACES) -> the store's domain.
STORE_DOMAINS: dict[str, str] = {
    "US": "amazon.com",
    "UK": "amazon.co.uk",
    "FR": "amazon.fr",
    "IT": "amazon.it",
    "ES": "amazon.es",
    "CA": "amazon.ca",
    "AU": "amazon.com.au",
    "IN": "amazon.in",
    "DE": "amazon.de",
    "JP": "amazon.co.jp",
    "SE": "amazon.se",
    "MX": "amazon.com.mx",
}
RELAY_DOMAINS: dict[str, str] = {m: f"marketplace.{d}" for m, d in STORE_DOMAINS.items()}

ORDER_ID = re.compile(r"(?<![0-9])[0-9]{3}-[0-9]{7}-[0-9]{7}(?![0-9])")
RELAY_ADDRESS = re.compile(
    r"[A-Za-z0-9._%+-]+@marketplace\.amazon\.(?:com\.au|com\.mx|co\.uk|co\.jp|[a-z]{2,3})\b", re.IGNORECASE
)


def relay_domain(marketplace: str) -> str:
    """The domain of the buyers' relay addresses on a marketplace; KeyError for one fbdesk does not know."""
    return RELAY_DOMAINS[marketplace.upper()]


def is_amazon_relay(address: str, marketplace: str | None = None) -> bool:
    """Whether `address` is an Amazon relay address (of `marketplace` when given): one mailbox at
    marketplace.amazon.<domain>, nothing else around it."""
    domain = _domain_of(address)
    if domain is None:
        return False
    if marketplace is None:
        return domain in RELAY_DOMAINS.values()
    return domain == RELAY_DOMAINS.get(marketplace.upper())


def marketplace_of_relay(address: str) -> str | None:
    """The marketplace whose relay domain the address uses, or None."""
    domain = _domain_of(address)
    return next((m for m, d in RELAY_DOMAINS.items() if d == domain), None)


def is_amazon_sender(address: str) -> bool:
    """Whether the address is Amazon's own (amazon.com, amazon.de, ...: not a buyer's relay address)."""
    domain = _domain_of(address)
    if domain is None:
        return False
    stores = STORE_DOMAINS.values()
    if domain in RELAY_DOMAINS.values():
        return False
    return domain in stores or any(domain.endswith("." + d) for d in stores)


def find_order_id(text: str) -> str | None:
    match = ORDER_ID.search(text)
    return match.group() if match else None


def _domain_of(address: str) -> str | None:
    _, addr = parseaddr(address.strip())
    if not addr or addr != address.strip():  # a bare address only: no display name, no second address
        return None
    try:
        parsed = Address(addr_spec=addr)
    except (ValueError, IndexError):
        return None
    if not parsed.username or not parsed.domain:
        return None
    return parsed.domain.lower().rstrip(".")
