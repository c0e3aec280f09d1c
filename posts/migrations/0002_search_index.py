"""A GIN index on the post search vector, on PostgreSQL only.

SQLite stores no search vector (see posts.models.post.PostgresOnly), so the
index is created outside the model state, and only where it means something.
"""

from django.db import migrations

CREATE = "CREATE INDEX IF NOT EXISTS posts_post_search_gin ON posts_post USING gin (search_vector)"
DROP = "DROP INDEX IF EXISTS posts_post_search_gin"


def run(sql):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return operation


class Migration(migrations.Migration):
    dependencies = [("posts", "0001_initial")]

    operations = [migrations.RunPython(run(CREATE), run(DROP))]
