"""smalltown_social: social networks for a small town hall."""

__version__ = "0.1.0"
