"""The tweet app: posting and reading tweets."""
