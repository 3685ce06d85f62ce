"""Helpers the tests import (``support.local_index``) or run as scripts."""
