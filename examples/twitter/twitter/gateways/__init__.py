"""How servers reach Django: one module per interface."""
