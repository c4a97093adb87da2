"""The calendar page: month, week and agenda views over the posts' targets."""
