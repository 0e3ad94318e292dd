import GRDB

/// The shared tables: documents and their clauses, and the Popolo-shaped model of
/// organisations, people, bodies, memberships, duties and assignments.
///
/// A migration, once shipped, is never edited: changes come as new migrations.
public enum SharedSchema {
    public static let migrations = MigrationSet(owner: "shared") { migrator in
        migrator.registerMigration("shared.v1") { db in
            try db.execute(sql: """
                CREATE TABLE gazette_issue (
                    id INTEGER PRIMARY KEY,
                    title TEXT,
                    year INTEGER,
                    number INTEGER,
                    date TEXT,
                    contents TEXT NOT NULL DEFAULT '[]',
                    UNIQUE (title, year, number)
                );
                CREATE TABLE source_file (
                    sha256 TEXT PRIMARY KEY,
                    path TEXT NOT NULL,
                    format TEXT NOT NULL,
                    imported_at TEXT NOT NULL
                );
                CREATE TABLE document (
                    id INTEGER PRIMARY KEY,
                    identity TEXT NOT NULL,
                    version INTEGER NOT NULL,
                    is_current INTEGER NOT NULL,
                    content_hash TEXT NOT NULL,
                    number TEXT,
                    issuer_code TEXT,
                    year INTEGER,
                    serial INTEGER,
                    type TEXT NOT NULL,
                    name TEXT NOT NULL,
                    title TEXT NOT NULL,
                    issuer TEXT,
                    date TEXT,
                    addressees TEXT,
                    scope TEXT,
                    issue_id INTEGER REFERENCES gazette_issue(id),
                    content TEXT NOT NULL,
                    source_sha256 TEXT REFERENCES source_file(sha256),
                    imported_at TEXT NOT NULL,
                    UNIQUE (identity, version)
                );
                CREATE INDEX document_current ON document(identity, is_current);
                CREATE TABLE document_replaces (
                    document_id INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
                    replaced_number TEXT NOT NULL
                );
                CREATE TABLE document_module (
                    document_id INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
                    module TEXT NOT NULL,
                    PRIMARY KEY (document_id, module)
                );
                CREATE TABLE clause (
                    id INTEGER PRIMARY KEY,
                    document_id INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
                    ord INTEGER NOT NULL,
                    depth INTEGER NOT NULL,
                    attachment TEXT,
                    path TEXT NOT NULL,
                    citation TEXT NOT NULL,
                    num TEXT,
                    heading TEXT,
                    text TEXT NOT NULL
                );
                CREATE INDEX clause_document ON clause(document_id, ord);
                CREATE VIRTUAL TABLE clause_fts USING fts5(
                    heading, text, content='clause', content_rowid='id', tokenize='trigram'
                );
                CREATE TRIGGER clause_fts_insert AFTER INSERT ON clause BEGIN
                    INSERT INTO clause_fts(rowid, heading, text) VALUES (new.id, new.heading, new.text);
                END;
                CREATE TRIGGER clause_fts_delete AFTER DELETE ON clause BEGIN
                    INSERT INTO clause_fts(clause_fts, rowid, heading, text) VALUES ('delete', old.id, old.heading, old.text);
                END;

                CREATE TABLE organization (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL UNIQUE,
                    classification TEXT,
                    parent_id INTEGER REFERENCES organization(id)
                );
                CREATE TABLE organization_name (
                    organization_id INTEGER NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
                    name TEXT NOT NULL UNIQUE,
                    source TEXT
                );
                CREATE TABLE person (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL
                );
                CREATE INDEX person_name_index ON person(name);
                CREATE TABLE person_name (
                    person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
                    name TEXT NOT NULL,
                    source TEXT,
                    UNIQUE (person_id, name)
                );
                CREATE TABLE person_flag (
                    person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
                    other_person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
                    reason TEXT NOT NULL,
                    document_id INTEGER REFERENCES document(id) ON DELETE CASCADE
                );
                CREATE TABLE body (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL UNIQUE,
                    kind TEXT NOT NULL,
                    document_id INTEGER REFERENCES document(id) ON DELETE SET NULL,
                    office_unit_id INTEGER REFERENCES organization(id),
                    office_director_id INTEGER REFERENCES person(id),
                    citation TEXT
                );
                CREATE TABLE membership (
                    id INTEGER PRIMARY KEY,
                    person_id INTEGER NOT NULL REFERENCES person(id),
                    body_id INTEGER NOT NULL REFERENCES body(id),
                    document_id INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
                    role_label TEXT NOT NULL,
                    role_code TEXT NOT NULL,
                    unit_id INTEGER REFERENCES organization(id),
                    titles TEXT NOT NULL,
                    affiliation TEXT NOT NULL,
                    units TEXT NOT NULL,
                    ord INTEGER NOT NULL,
                    start_date TEXT,
                    end_date TEXT,
                    citation TEXT NOT NULL
                );
                CREATE INDEX membership_person ON membership(person_id);
                CREATE INDEX membership_body ON membership(body_id, ord);
                CREATE INDEX membership_unit ON membership(unit_id);
                CREATE TABLE duty (
                    id INTEGER PRIMARY KEY,
                    body_id INTEGER NOT NULL REFERENCES body(id),
                    unit_id INTEGER NOT NULL REFERENCES organization(id),
                    document_id INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
                    ord INTEGER NOT NULL,
                    text TEXT NOT NULL,
                    citation TEXT NOT NULL
                );
                CREATE INDEX duty_unit ON duty(unit_id);
                CREATE TABLE assignment (
                    id INTEGER PRIMARY KEY,
                    document_id INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
                    kind TEXT NOT NULL,
                    ord INTEGER NOT NULL,
                    number TEXT,
                    category TEXT,
                    title TEXT NOT NULL,
                    citation TEXT NOT NULL
                );
                CREATE TABLE assignment_unit (
                    assignment_id INTEGER NOT NULL REFERENCES assignment(id) ON DELETE CASCADE,
                    unit_id INTEGER NOT NULL REFERENCES organization(id),
                    relation TEXT NOT NULL,
                    ord INTEGER NOT NULL
                );
                CREATE INDEX assignment_unit_unit ON assignment_unit(unit_id);
                """)
        }
        // A document taken out of force by a clerk (`docs withdraw`) keeps every row it brought in;
        // `is_current = 0` takes them out of every answer, `withdrawn_at` says why it is not current.
        // `recognised = 0` marks a file imported with `--force` in which the reader found no 公文.
        // `write_log` holds every write a person made, with the reason they gave.
        migrator.registerMigration("shared.v2") { db in
            try db.execute(sql: """
                ALTER TABLE document ADD COLUMN withdrawn_at TEXT;
                ALTER TABLE document ADD COLUMN withdrawn_reason TEXT;
                ALTER TABLE document ADD COLUMN recognised INTEGER NOT NULL DEFAULT 1;
                CREATE TABLE write_log (
                    id INTEGER PRIMARY KEY,
                    at TEXT NOT NULL,
                    by TEXT NOT NULL,
                    action TEXT NOT NULL,
                    module TEXT NOT NULL,
                    record TEXT NOT NULL,
                    before TEXT,
                    after TEXT,
                    reason TEXT NOT NULL
                );
                CREATE INDEX write_log_at ON write_log(at);
                """)
        }
    }
}
