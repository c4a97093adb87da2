"""smalltown_social: social networks for a small town hall."""
