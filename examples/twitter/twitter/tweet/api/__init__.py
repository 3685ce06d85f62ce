"""The tweet app's JSON API, built with Django REST framework."""
