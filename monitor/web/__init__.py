"""The service's one public web endpoint: digest pages and feedback links, behind signed tokens.

Health and metrics are not here: they stay on loopback in `monitor.http`.
"""

from monitor.web.links import Links, make_links
from monitor.web.tokens import Signer

__all__ = ["Links", "Signer", "make_links"]
