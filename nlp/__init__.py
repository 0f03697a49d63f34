"""govreport: read, check and score Chinese government information-disclosure annual reports."""

__version__ = "0.1.0"
