"""Domain errors; the API maps each to one HTTP status in one place."""


class DomainError(Exception):
    """Base for errors a caller can act on; the message is safe to show them."""


class NotFound(DomainError):
    """Missing, or belonging to another organization: the two are deliberately indistinguishable."""


class Conflict(DomainError):
    """The request is valid but the resource is in the wrong state for it (an ended call, a taken id)."""


class InvalidInput(DomainError):
    """A value that decoded fine but means nothing (a phone number that is not one)."""


class Unauthenticated(DomainError):
    """No credentials, or credentials that match nothing."""


class Forbidden(DomainError):
    """Authenticated, but the token's role does not grant what the request needs."""


class MissingOrganization(DomainError):
    """A personal access token used without the X-Anyreach-Org header."""


class Unavailable(DomainError):
    """A capability that needs configuration or a dependency this deployment does not have right now."""
