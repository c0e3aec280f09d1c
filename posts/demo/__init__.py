"""Demonstration content for development: `manage.py load_demo` (see posts.demo.build)."""
