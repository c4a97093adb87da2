"""The unified inbox page: a lazy list over every account and a conversation view."""
