import Foundation
import GRDB
import GazetteModel

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
        // Rosters over time. A body lives from its founding document's date to `end_date` (the
        // day before a notice abolished it, `end_document_id`); its earlier names are kept in
        // `body_name`. `body_roster` lists the documents that print a body's whole roster: each
        // ends, the day before its date, every seat in force. A seat a notice ends by name keeps
        // that end in `ended_on`/`ended_by`; `end_date` is the earliest of the two. `source` says
        // where a seat comes from: a printed roster, a printed change, or a clerk's entry.
        // `person_unit` keeps each person's units for matching people across documents in
        // constant time, however long the archive.
        migrator.registerMigration("shared.v3") { db in
            try db.execute(sql: """
                ALTER TABLE body ADD COLUMN start_date TEXT;
                ALTER TABLE body ADD COLUMN end_date TEXT;
                ALTER TABLE body ADD COLUMN end_document_id INTEGER REFERENCES document(id) ON DELETE SET NULL;
                ALTER TABLE body ADD COLUMN end_citation TEXT;
                -- `成员如有变动，由其所在单位接任领导自然替补`: the seats belong to the units' posts; the clause.
                ALTER TABLE body ADD COLUMN seats_by_position TEXT;
                UPDATE body SET start_date = (SELECT date FROM document WHERE id = body.document_id);
                CREATE TABLE body_name (
                    body_id INTEGER NOT NULL REFERENCES body(id) ON DELETE CASCADE,
                    name TEXT NOT NULL,
                    until TEXT,
                    citation TEXT,
                    PRIMARY KEY (body_id, name)
                );
                CREATE INDEX body_name_name ON body_name(name);
                CREATE TABLE body_roster (
                    body_id INTEGER NOT NULL REFERENCES body(id) ON DELETE CASCADE,
                    document_id INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
                    date TEXT,
                    PRIMARY KEY (body_id, document_id)
                );
                CREATE INDEX body_roster_date ON body_roster(body_id, date);
                INSERT OR IGNORE INTO body_roster (body_id, document_id, date)
                    SELECT DISTINCT m.body_id, m.document_id, d.date FROM membership m JOIN document d ON d.id = m.document_id;
                ALTER TABLE membership ADD COLUMN source TEXT NOT NULL DEFAULT 'roster';
                ALTER TABLE membership ADD COLUMN ended_on TEXT;
                ALTER TABLE membership ADD COLUMN ended_by INTEGER REFERENCES document(id) ON DELETE SET NULL;
                CREATE INDEX membership_open ON membership(body_id, end_date);
                CREATE INDEX membership_body_person ON membership(body_id, person_id);
                CREATE INDEX membership_document ON membership(document_id);
                CREATE TABLE person_unit (
                    person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
                    unit TEXT NOT NULL,
                    PRIMARY KEY (person_id, unit)
                ) WITHOUT ROWID;
                INSERT OR IGNORE INTO person_unit (person_id, unit)
                    SELECT DISTINCT m.person_id, u.value FROM membership m, json_each(m.units) u;
                -- An abolition, a renaming or a paragraph of seat changes that names a body not yet
                -- imported waits here for the body (`new_name`: the new name, or the paragraph).
                CREATE TABLE body_event_pending (
                    name TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    new_name TEXT,
                    date TEXT NOT NULL,
                    document_id INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
                    citation TEXT NOT NULL
                );
                CREATE INDEX body_event_pending_name ON body_event_pending(name);
                """)
        }
        // One 公文, one record. `content_hash` becomes the hash of a document's words alone
        // (`words`): the same 公文 read through another door is the same version. `region` is where its issuer
        // sits (`Jurisdiction`): a store adopts as its plans only its own district's documents,
        // which `store_setting` names (`district`), with where that came from.
        migrator.registerMigration("shared.v4") { db in
            try db.execute(sql: """
                ALTER TABLE document ADD COLUMN region TEXT;
                CREATE INDEX document_words ON document(identity, content_hash);
                CREATE TABLE store_setting (
                    key TEXT PRIMARY KEY,
                    value TEXT NOT NULL,
                    source TEXT
                );
                """)
            let decoder = JSONDecoder()
            for row in try Row.fetchAll(db, sql: "SELECT id, content FROM document") {
                let document = try decoder.decode(OfficialDocument.self, from: Data((row["content"] as String).utf8))
                try db.execute(sql: "UPDATE document SET content_hash = ?, region = ? WHERE id = ?",
                               arguments: [SHA256.hex(Array(document.words.utf8)), Jurisdiction.of(document), row["id"] as Int64])
            }
        }
        // Years of the working-day calendar imported by a clerk (`calendar import`) when the State
        // Council publishes them: each day off or made a working day, with its notice.
        migrator.registerMigration("shared.v5") { db in
            try db.execute(sql: """
                CREATE TABLE calendar_year (
                    year INTEGER PRIMARY KEY,
                    file TEXT NOT NULL,
                    imported_at TEXT NOT NULL,
                    imported_by TEXT NOT NULL
                );
                CREATE TABLE calendar_day (
                    date TEXT PRIMARY KEY,
                    year INTEGER NOT NULL REFERENCES calendar_year(year),
                    kind TEXT NOT NULL CHECK (kind IN ('holiday', 'workday')),
                    name TEXT NOT NULL,
                    source TEXT NOT NULL
                );
                """)
        }
        // The bytes of each file imported, under their hash: a document's page offers the very
        // file it came from. Files imported before this version have none.
        migrator.registerMigration("shared.v6") { db in
            try db.execute(sql: """
                CREATE TABLE source_content (
                    sha256 TEXT PRIMARY KEY REFERENCES source_file(sha256),
                    bytes BLOB NOT NULL
                );
                """)
        }
        // The office's accounts (OfficeAccounts): who may sign in to the web page, with which
        // roles; their sessions (kept here so that a restart signs no one out: only the token's
        // hash is stored) and the failed sign-ins that throttle and lock a name. Times are Unix
        // seconds: they are compared, never read.
        migrator.registerMigration("shared.v7") { db in
            try db.execute(sql: """
                CREATE TABLE account (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL UNIQUE,
                    unit TEXT,
                    password_hash TEXT NOT NULL,
                    created_at TEXT NOT NULL,
                    disabled_at TEXT
                );
                CREATE TABLE account_role (
                    account_id INTEGER NOT NULL REFERENCES account(id),
                    role TEXT NOT NULL,
                    PRIMARY KEY (account_id, role)
                );
                CREATE TABLE session (
                    token_hash TEXT PRIMARY KEY,
                    account_id INTEGER NOT NULL REFERENCES account(id),
                    csrf_token TEXT NOT NULL,
                    started INTEGER NOT NULL,
                    last_seen INTEGER NOT NULL,
                    ended INTEGER
                );
                CREATE INDEX session_account ON session(account_id);
                CREATE TABLE login_failure (
                    name TEXT NOT NULL,
                    at INTEGER NOT NULL
                );
                CREATE INDEX login_failure_name ON login_failure(name, at);
                -- The seats a document ended (a document's page asks, and deleting a document sets
                -- them NULL): without it, a scan of every membership.
                CREATE INDEX membership_ended_by ON membership(ended_by);
                """)
        }
        // Where each write came from (`cli`, `web`): the command line names whoever `--by` says,
        // the web page the account signed in. Entries written before are left without.
        migrator.registerMigration("shared.v8") { db in
            try db.execute(sql: "ALTER TABLE write_log ADD COLUMN via TEXT")
        }
        // 督办: the tasks every document assigns. A task row belongs to one version of its
        // document; `lineage` is the id the task keeps across versions (the first row's id), and
        // what the units report, the task's end and its extensions hang on the lineage, so that
        // a new version of a document keeps the progress of the tasks it still contains.
        // A task a leader gave (领导批示) has no document and says where it comes from in `source`.
        // `assigned_on`: the document's date (else the day it was imported), or the day a task was added;
        // a recurring order's occurrences are counted from it.
        migrator.registerMigration("shared.v9") { db in
            try db.execute(sql: """
                CREATE TABLE task (
                    id INTEGER PRIMARY KEY,
                    lineage INTEGER NOT NULL,
                    document_id INTEGER REFERENCES document(id) ON DELETE CASCADE,
                    ord INTEGER NOT NULL,
                    ref TEXT,
                    citation TEXT NOT NULL,
                    text TEXT NOT NULL,
                    layout TEXT NOT NULL,
                    due_text TEXT,
                    due TEXT,
                    recurring TEXT,
                    recurring_day INTEGER,
                    ongoing INTEGER NOT NULL DEFAULT 0,
                    assigned_on TEXT NOT NULL,
                    source TEXT
                );
                CREATE INDEX task_document ON task(document_id);
                CREATE INDEX task_lineage ON task(lineage);
                CREATE TABLE task_unit (
                    task_id INTEGER NOT NULL REFERENCES task(id) ON DELETE CASCADE,
                    ord INTEGER NOT NULL,
                    relation TEXT NOT NULL CHECK (relation IN ('lead', 'unit')),
                    name TEXT NOT NULL,
                    unit_id INTEGER REFERENCES organization(id),
                    PRIMARY KEY (task_id, ord)
                );
                CREATE INDEX task_unit_name ON task_unit(name);
                CREATE TABLE task_event (
                    id INTEGER PRIMARY KEY,
                    lineage INTEGER NOT NULL,
                    kind TEXT NOT NULL CHECK (kind IN ('report', 'done', 'extend')),
                    on_date TEXT NOT NULL,
                    unit TEXT,
                    text TEXT NOT NULL,
                    to_date TEXT,
                    reason TEXT,
                    recorded_by TEXT NOT NULL,
                    recorded_at TEXT NOT NULL
                );
                CREATE INDEX task_event_lineage ON task_event(lineage, id);
                """)
        }
    }
}
