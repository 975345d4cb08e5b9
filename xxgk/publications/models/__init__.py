"""Models of 主动公开: the catalogue, publications and revisions, channels, Art. 20 registers."""

from xxgk.publications.models.catalogue import CatalogueSettings, Category, IndexCounter
from xxgk.publications.models.channels import Channel, ChannelKind, ChannelPublication
from xxgk.publications.models.publication import (
    Attachment,
    AttachmentKind,
    DisclosureMethod,
    Publication,
    PublicationEvent,
    PublicationRevision,
    PublicationStatus,
    Validity,
)
from xxgk.publications.models.registers import (
    FeeItem,
    NormativeDocument,
    NormativeKind,
    NormativeStatus,
    ProcurementProject,
    RegisterFigure,
    ServiceDecision,
    ServiceItem,
    ServiceRegister,
)

__all__ = [
    "Attachment",
    "AttachmentKind",
    "CatalogueSettings",
    "Category",
    "Channel",
    "ChannelKind",
    "ChannelPublication",
    "DisclosureMethod",
    "FeeItem",
    "IndexCounter",
    "NormativeDocument",
    "NormativeKind",
    "NormativeStatus",
    "ProcurementProject",
    "Publication",
    "PublicationEvent",
    "PublicationRevision",
    "PublicationStatus",
    "RegisterFigure",
    "ServiceDecision",
    "ServiceItem",
    "ServiceRegister",
    "Validity",
]
