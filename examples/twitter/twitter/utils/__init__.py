"""Helpers used across the project; none of them imports an app."""
