"""Demo campaigns for `manage.py load_demo`: campaigns.demo.build.load() creates them."""
