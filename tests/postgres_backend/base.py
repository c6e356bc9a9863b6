"""PostgreSQL for the tests: a transactional test's closing flush deletes rows instead of truncating.

Django empties every table after each transactional test (live server, threads) with one TRUNCATE of all
73 tables. TRUNCATE gives each table and index a new file, which took 2.5 s a test; the tables such a
test leaves behind hold a few hundred rows, and DELETE empties them in a quarter of a second. Foreign
keys are checked at commit (Django creates them DEFERRABLE), so the order of the tables does not matter.
Chosen by storefront/settings/test.py when the database is PostgreSQL; nothing else changes.
"""

from django.db.backends.postgresql import base


class DatabaseOperations(base.DatabaseOperations):
    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences or allow_cascade or not tables:
            return super().sql_flush(style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade)
        return ["SET CONSTRAINTS ALL DEFERRED"] + [
            f"{style.SQL_KEYWORD('DELETE FROM')} {style.SQL_FIELD(self.quote_name(table))};" for table in tables
        ]


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations
