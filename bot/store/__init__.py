"""SQLite storage: the database connection, migrations and one repository per concern."""
