"""What has been handed to the archive."""
