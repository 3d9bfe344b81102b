"""The schema's revisions, oldest first: 0001 is the schema fbdesk created before Alembic, written out in full; each
later one changes it. fbdesk runs them itself when it opens a database (fbdesk.db.migrations.upgrade).

Adding a revision, for a change to fbdesk/db/models.py:

1. Copy the newest file here to vNNNN_what_it_does.py, with `revision = "NNNN"` (the next number) and
   `down_revision` the previous one, and a docstring saying what changes and why; set
   fbdesk.db.migrations.NEWEST_REVISION to it.
2. Write `upgrade()` with alembic's `op`. The changes are what `schema_differences` reports between a database at
   the newest revision and the changed model; to draft them, in a Python shell:

       from alembic.autogenerate import produce_migrations, render_python_code
       from alembic.migration import MigrationContext
       from sqlmodel import SQLModel
       import fbdesk.db.models
       from fbdesk.desk import open_desk
       desk = open_desk("sqlite:////tmp/draft.db")  # a new desk: every revision so far
       with desk.engine.connect() as conn:
           context = MigrationContext.configure(conn, opts={"render_as_batch": True})
           print(render_python_code(produce_migrations(context, SQLModel.metadata).upgrade_ops))

   and write the result out with plain SQLAlchemy types (sa.String(length=40), not sqlmodel's AutoString) and
   explicit constraint and index names: a revision must not change when the model changes later.
3. SQLite cannot alter or drop most things in place: change an existing table inside
   `with op.batch_alter_table("feedback") as batch: ...`, which rebuilds it (a copy, then drop and rename) on
   SQLite and issues plain ALTERs on PostgreSQL. Rebuilding a table drops its triggers: after rebuilding `feedback`
   create feedback_fts_delete and feedback_fts_update again (v0010_full_text_keyed_by_rating.create_full_text_triggers),
   and the tally triggers feedback_tally_update and feedback_tally_delete, and the expression indexes
   ix_feedback_status_comment and ix_feedback_rater_email, which a rebuild cannot copy (v0005_inbox_at_scale.py);
   after `audit_event` its append-only triggers (v0001). On SQLite foreign keys are off during the upgrade and
   checked before it commits (fbdesk.db.dialect.foreign_keys_off_for_schema_changes), so rebuilding a table others
   reference is fine; a revision that leaves a dangling reference fails and changes nothing. Database-specific SQL
   goes through `op.execute`, chosen by `op.get_bind().dialect.name`.
4. Data changes (backfilling a new column) go in the same revision, with `op.execute` or `sa.update`.
5. tests/test_migrations.py checks that a new desk matches the model and that the version-1 fixtures upgrade
   without losing anything: extend its checks for what the revision changes.

Revisions only go forward: there are no downgrades (keep a backup before upgrading fbdesk). The whole upgrade runs in
one transaction under the set-up lock, so a failing revision leaves the database as it was.
"""
