"""Tasks, applications and engagements (filled in by the lifecycle work)."""
