"""Mail to and from buyers through Amazon's Buyer-Seller Messaging relay.

Plain data in and out, no database and no clock of its own: the Desk stores what these functions return.
- servers: SMTP/IMAP settings parsed from URLs (the password never shown)
- relay: Amazon's relay addresses per marketplace, order ids in mail
- outgoing: build and check a message to the buyer (`prepare` returns its Message-ID before anything is sent)
- delivery: SMTP delivery of a batch over one connection, each result sent / temporary / permanent / unknown
- mailbox: IMAP fetch of the mail after the last seen UID, UIDVALIDITY changes handled
- replies: one email parsed (charsets, HTML, attachments listed), quotes: the reply's own words
- notices: Amazon's "not delivered" notifications recognised
"""

from fbdesk.mail.delivery import DeliveryResult, Outcome, deliver, retry_delay
from fbdesk.mail.mailbox import FetchedMail, FetchResult, MailboxError, MailboxState, fetch_new
from fbdesk.mail.notices import AmazonNotice, NoticeKind, recognise_notice
from fbdesk.mail.outgoing import Attachment, OutgoingMail, PreparedMail, check_outgoing, default_subject, prepare
from fbdesk.mail.relay import find_order_id, is_amazon_relay, marketplace_of_relay, relay_domain
from fbdesk.mail.replies import AttachmentInfo, ParsedMail, parse_mail
from fbdesk.mail.servers import ImapServer, SmtpServer, parse_imap_url, parse_smtp_url

__all__ = [
    "AmazonNotice",
    "Attachment",
    "AttachmentInfo",
    "DeliveryResult",
    "FetchResult",
    "FetchedMail",
    "ImapServer",
    "MailboxError",
    "MailboxState",
    "NoticeKind",
    "Outcome",
    "OutgoingMail",
    "ParsedMail",
    "PreparedMail",
    "SmtpServer",
    "check_outgoing",
    "default_subject",
    "deliver",
    "fetch_new",
    "find_order_id",
    "is_amazon_relay",
    "marketplace_of_relay",
    "parse_imap_url",
    "parse_mail",
    "parse_smtp_url",
    "prepare",
    "recognise_notice",
    "relay_domain",
    "retry_delay",
]
