"""Every change to deeds and stars (闪光言行, guideline part 二 and part 三 item 5): reporting,
deciding, naming a quarter's star, publishing a regional list. Split by step; import them
from here."""

from .deciding import deed_dismiss, deed_verify
from .reporting import DESCRIPTION_LIMIT, deed_report, deed_report_public, reporting_source
from .stars import CITATION_LIMIT, star_list_publish, star_name, star_unname

__all__ = [
    "CITATION_LIMIT", "DESCRIPTION_LIMIT", "deed_dismiss", "deed_report", "deed_report_public",
    "deed_verify", "reporting_source", "star_list_publish", "star_name", "star_unname",
]
