"""The project's test suite, run by Django's test runner."""
