"""Tables, indexes and views, versioned with sqlite-utils migrations.

Instants are UTC ISO-8601 text (sortable), durations integer seconds, weights kg.
Append new migrations at the end; never edit one that has shipped (a database made
by the first schema is kept in tests/fixtures and must keep migrating).
"""

from __future__ import annotations

from sqlite_utils import Database, Migrations

from backtui.storage.errors import StorageError
from backtui.storage.version import APPLICATION_ID, SCHEMA_VERSION

migrations = Migrations("backtui")


@migrations()
def m001_initial(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE profiles (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE,
            created_at TEXT NOT NULL
        );
        CREATE TABLE meta (
            key TEXT PRIMARY KEY,
            value TEXT
        );
        CREATE TABLE settings (
            profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
            key TEXT NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY (profile_id, key)
        );
        CREATE TABLE body_weights (
            id INTEGER PRIMARY KEY,
            profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
            measured_at TEXT NOT NULL,
            weight_kg REAL NOT NULL CHECK (weight_kg > 0 AND weight_kg < 500)
        );
        CREATE INDEX idx_body_weights ON body_weights(profile_id, measured_at);

        -- Shipped exercises have no profile; custom and imported ones belong to one.
        CREATE TABLE exercises (
            id INTEGER PRIMARY KEY,
            profile_id INTEGER REFERENCES profiles(id) ON DELETE CASCADE,
            slug TEXT NOT NULL,
            name TEXT NOT NULL,
            region TEXT NOT NULL,
            pattern TEXT NOT NULL,
            mechanic TEXT NOT NULL,
            equipment TEXT NOT NULL,
            measure TEXT NOT NULL CHECK (measure IN ('weight_reps', 'bodyweight_reps', 'seconds')),
            sets INTEGER NOT NULL DEFAULT 3,
            rep_low INTEGER,
            rep_high INTEGER,
            seconds INTEGER,
            rest_s INTEGER NOT NULL DEFAULT 90,
            straps_ok INTEGER NOT NULL DEFAULT 0,
            variant_group TEXT NOT NULL DEFAULT '',
            ramp INTEGER NOT NULL DEFAULT 0,
            per_side INTEGER NOT NULL DEFAULT 0,
            cues TEXT NOT NULL DEFAULT '[]',
            source TEXT NOT NULL DEFAULT 'catalog'
        );
        CREATE UNIQUE INDEX idx_exercises_slug ON exercises(ifnull(profile_id, 0), slug);

        CREATE TABLE user_routines (
            id INTEGER PRIMARY KEY,
            profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
            slug TEXT NOT NULL,
            name TEXT NOT NULL,
            description TEXT NOT NULL DEFAULT '',
            items TEXT NOT NULL DEFAULT '[]',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            UNIQUE (profile_id, slug)
        );

        -- ended_at NULL: an unfinished workout, offered for resume at the next start.
        -- plan/position remember the order of exercises and where the lifter was.
        CREATE TABLE workouts (
            id INTEGER PRIMARY KEY,
            profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
            routine_slug TEXT,
            routine_name TEXT,
            started_at TEXT NOT NULL,
            ended_at TEXT,
            note TEXT NOT NULL DEFAULT '',
            source TEXT NOT NULL DEFAULT 'app',
            import_key TEXT,
            plan TEXT NOT NULL DEFAULT '[]',
            position INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX idx_workouts_started ON workouts(profile_id, started_at);
        CREATE INDEX idx_workouts_open ON workouts(profile_id, ended_at);
        CREATE UNIQUE INDEX idx_workouts_import ON workouts(profile_id, import_key)
            WHERE import_key IS NOT NULL;

        -- One row per set. weight_kg: the load in kg; on bodyweight moves 0 is plain
        -- bodyweight, positive is added load and negative is assistance.
        CREATE TABLE sets (
            id INTEGER PRIMARY KEY,
            profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
            workout_id INTEGER NOT NULL REFERENCES workouts(id) ON DELETE CASCADE,
            exercise_id INTEGER NOT NULL REFERENCES exercises(id),
            set_number INTEGER NOT NULL CHECK (set_number >= 1),
            kind TEXT NOT NULL DEFAULT 'working'
                CHECK (kind IN ('warmup', 'working', 'drop', 'failure')),
            weight_kg REAL CHECK (weight_kg BETWEEN -1000 AND 1000),
            reps INTEGER CHECK (reps BETWEEN 1 AND 1000),
            seconds INTEGER CHECK (seconds BETWEEN 1 AND 86400),
            straps INTEGER NOT NULL DEFAULT 0 CHECK (straps IN (0, 1)),
            rpe REAL CHECK (rpe BETWEEN 1 AND 10),
            form_broke INTEGER NOT NULL DEFAULT 0 CHECK (form_broke IN (0, 1)),
            note TEXT NOT NULL DEFAULT '',
            unit TEXT NOT NULL DEFAULT 'kg' CHECK (unit IN ('kg', 'lb')),
            bodyweight_kg REAL,
            logged_at TEXT NOT NULL,
            CHECK (reps IS NOT NULL OR seconds IS NOT NULL),
            UNIQUE (workout_id, exercise_id, set_number)
        );
        CREATE INDEX idx_sets_exercise ON sets(profile_id, exercise_id, logged_at);
        CREATE INDEX idx_sets_logged ON sets(profile_id, logged_at);

        CREATE VIEW set_details AS
        SELECT
            s.id AS set_id,
            p.name AS profile,
            w.id AS workout_id,
            w.started_at AS workout_started_at,
            w.routine_slug AS routine,
            e.slug AS exercise,
            e.name AS exercise_name,
            e.region,
            e.pattern,
            s.set_number,
            s.kind,
            s.weight_kg,
            s.reps,
            s.seconds,
            s.straps,
            s.rpe,
            s.form_broke,
            s.note,
            s.unit,
            s.logged_at
        FROM sets s
        JOIN workouts w ON w.id = s.workout_id
        JOIN exercises e ON e.id = s.exercise_id
        JOIN profiles p ON p.id = s.profile_id;

        -- Working-set volume per ISO week (Monday, UTC) and region.
        CREATE VIEW weekly_volume AS
        SELECT
            p.name AS profile,
            date(s.logged_at, 'weekday 0', '-6 days') AS week,
            e.region,
            count(*) AS working_sets,
            round(sum(CASE WHEN s.weight_kg > 0 THEN s.weight_kg * s.reps ELSE 0 END), 1) AS volume_kg
        FROM sets s
        JOIN exercises e ON e.id = s.exercise_id
        JOIN profiles p ON p.id = s.profile_id
        WHERE s.kind != 'warmup'
        GROUP BY p.name, week, e.region;
        """
    )
    db.execute(
        "INSERT INTO profiles (id, name, created_at) VALUES (1, 'default', strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))"
    )


@migrations()
def m002_data_views(db: Database) -> None:
    """One row per workout, for sqlite-utils and Datasette users (issue 6)."""
    db.executescript(
        """
        CREATE VIEW workout_summary AS
        SELECT
            w.id AS workout_id,
            p.name AS profile,
            w.started_at,
            w.ended_at,
            CAST(round((julianday(w.ended_at) - julianday(w.started_at)) * 1440) AS INTEGER) AS minutes,
            w.routine_slug AS routine,
            w.routine_name,
            w.source,
            w.note,
            count(s.id) AS sets,
            coalesce(sum(s.kind != 'warmup'), 0) AS working_sets,
            round(coalesce(sum(CASE WHEN s.kind != 'warmup' AND s.weight_kg > 0 AND s.reps IS NOT NULL
                                    THEN s.weight_kg * s.reps END), 0), 1) AS volume_kg,
            coalesce(sum(s.straps), 0) AS strap_sets
        FROM workouts w
        JOIN profiles p ON p.id = w.profile_id
        LEFT JOIN sets s ON s.workout_id = w.id
        GROUP BY w.id;
        """
    )


@migrations()
def m003_history_indexes(db: Database) -> None:
    """Covering indexes for the history views (issue 4), so they read an index and
    never the table. Each replaces an m001 index that is a prefix of it."""
    db.executescript(
        """
        -- One exercise's sessions, records and strap use.
        CREATE INDEX idx_sets_history ON sets(
            profile_id, exercise_id, logged_at, workout_id, kind, weight_kg, reps, seconds, straps);
        DROP INDEX idx_sets_exercise;
        -- Weekly balance and strap share across exercises within a date range.
        CREATE INDEX idx_sets_recent ON sets(
            profile_id, logged_at, exercise_id, kind, weight_kg, reps, straps);
        DROP INDEX idx_sets_logged;
        -- Per-workout counts and volume for the workout list.
        CREATE INDEX idx_sets_workout ON sets(workout_id, profile_id, kind, weight_kg, reps, exercise_id, logged_at);
        """
    )


@migrations()
def m004_proof_session_summaries(db: Database) -> None:
    """One row per exercise per workout and the most reps per load, kept up to date by
    triggers, so all-time history reads sessions, not every set (issue 7: at 1,000,000
    sets one exercise's sessions took ~110 ms from the sets)."""
    from backtui.storage.summaries import backfill_sql, summaries_ddl

    # share=False: the SQL as this migration shipped it (exercises.load_share comes in m010)
    db.executescript(summaries_ddl(share=False))
    db.executescript(backfill_sql(share=False))


@migrations()
def m005_qa_records_skip_form_broke(db: Database) -> None:
    """Sets flagged form-broke set no records (heaviest, e1RM, hold, reps at a load);
    they still count in volume. Recreates the summary triggers and rebuilds the summaries."""
    from backtui.storage.summaries import rebuild_sql

    db.executescript(rebuild_sql(share=False))  # as shipped: load_share comes in m010


@migrations()
def m006_qa_views_count_as_the_app(db: Database) -> None:
    """The data views count volume as the app does (a bodyweight set's load includes
    the body weight kept with it), and weekly_volume leaves stretches out of working
    sets and volume, as the history's balance does."""
    from backtui.storage.summaries import volume_sql

    volume = volume_sql("s.weight_kg", "s.reps", "s.bodyweight_kg", None)  # as shipped: no load share yet
    db.executescript(
        f"""
        DROP VIEW weekly_volume;
        CREATE VIEW weekly_volume AS
        SELECT
            p.name AS profile,
            date(s.logged_at, 'weekday 0', '-6 days') AS week,
            e.region,
            count(*) AS working_sets,
            round(coalesce(sum({volume}), 0), 1) AS volume_kg
        FROM sets s
        JOIN exercises e ON e.id = s.exercise_id
        JOIN profiles p ON p.id = s.profile_id
        WHERE s.kind != 'warmup' AND e.pattern != 'stretch'
        GROUP BY p.name, week, e.region;

        DROP VIEW workout_summary;
        CREATE VIEW workout_summary AS
        SELECT
            w.id AS workout_id,
            p.name AS profile,
            w.started_at,
            w.ended_at,
            CAST(round((julianday(w.ended_at) - julianday(w.started_at)) * 1440) AS INTEGER) AS minutes,
            w.routine_slug AS routine,
            w.routine_name,
            w.source,
            w.note,
            count(s.id) AS sets,
            coalesce(sum(s.kind != 'warmup'), 0) AS working_sets,
            round(coalesce(sum(CASE WHEN s.kind != 'warmup' THEN {volume} END), 0), 1) AS volume_kg,
            coalesce(sum(s.straps), 0) AS strap_sets
        FROM workouts w
        JOIN profiles p ON p.id = w.profile_id
        LEFT JOIN sets s ON s.workout_id = w.id
        GROUP BY w.id;
        """
    )


@migrations()
def m007_imports_whole(db: Database) -> None:
    """Issue 14: a set's distance in its own field with its unit; imports recorded as
    batches that can be listed and undone; every imported set identified by a key (and
    the fingerprint of what it was stored with), so a newer export adds only what is new
    and a changed set is found; names mapped by hand, remembered per lifter."""
    db.executescript(
        """
        ALTER TABLE sets ADD COLUMN distance REAL CHECK (distance IS NULL OR distance > 0);
        ALTER TABLE sets ADD COLUMN distance_unit TEXT
            CHECK (distance_unit IS NULL OR distance_unit IN ('m', 'km', 'mi', 'ft', 'yd'));

        CREATE TABLE import_batches (
            id INTEGER PRIMARY KEY,
            profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
            imported_at TEXT NOT NULL,
            source TEXT NOT NULL,
            layout TEXT NOT NULL,
            file_name TEXT NOT NULL,
            weight_unit TEXT NOT NULL,
            time_zone TEXT NOT NULL,
            workouts_added INTEGER NOT NULL DEFAULT 0,
            sets_added INTEGER NOT NULL DEFAULT 0,
            sets_updated INTEGER NOT NULL DEFAULT 0,
            exercises_added TEXT NOT NULL DEFAULT '[]',
            undone_at TEXT
        );
        CREATE INDEX idx_import_batches ON import_batches(profile_id, id);

        -- One row per set a file has brought in. set_id turns NULL when the lifter deletes
        -- the set, so a later import does not bring it back; batch_id is NULL for sets
        -- imported before batches were kept.
        CREATE TABLE imported_sets (
            profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
            set_key TEXT NOT NULL,
            set_id INTEGER REFERENCES sets(id) ON DELETE SET NULL,
            batch_id INTEGER REFERENCES import_batches(id) ON DELETE SET NULL,
            fingerprint TEXT NOT NULL,
            PRIMARY KEY (profile_id, set_key)
        ) WITHOUT ROWID;
        CREATE INDEX idx_imported_sets_set ON imported_sets(set_id);

        -- Sets an import changed (--update): what they held before, to undo it.
        CREATE TABLE import_updates (
            batch_id INTEGER NOT NULL REFERENCES import_batches(id) ON DELETE CASCADE,
            set_id INTEGER NOT NULL REFERENCES sets(id) ON DELETE CASCADE,
            before TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            PRIMARY KEY (batch_id, set_id)
        );
        CREATE INDEX idx_import_updates_set ON import_updates(set_id);

        CREATE TABLE imported_workouts (
            workout_id INTEGER PRIMARY KEY REFERENCES workouts(id) ON DELETE CASCADE,
            batch_id INTEGER NOT NULL REFERENCES import_batches(id) ON DELETE CASCADE
        );
        CREATE INDEX idx_imported_workouts_batch ON imported_workouts(batch_id);

        CREATE TABLE import_names (
            profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
            name_key TEXT NOT NULL,
            name TEXT NOT NULL,
            slug TEXT NOT NULL,
            PRIMARY KEY (profile_id, name_key)
        );
        """
    )


@migrations()
def m008_ssh_keys(db: Database) -> None:
    """`backtui ssh-serve` (issue 18): the public keys that let a lifter in, one lifter
    per key. Keyed to the profile's id, so renaming a lifter keeps their keys and
    deleting one takes their keys with them (ON DELETE CASCADE)."""
    db.executescript(
        """
        CREATE TABLE ssh_keys (
            id INTEGER PRIMARY KEY,
            profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
            algorithm TEXT NOT NULL,
            public_key TEXT NOT NULL,           -- the key's base64, as in authorized_keys
            fingerprint TEXT NOT NULL UNIQUE,   -- 'SHA256:...', as ssh-keygen -l prints it
            comment TEXT NOT NULL DEFAULT '',
            added_at TEXT NOT NULL
        );
        CREATE INDEX idx_ssh_keys_profile ON ssh_keys(profile_id);
        """
    )


@migrations()
def m009_one_open_workout(db: Database) -> None:
    """Issue 13: one open workout per lifter, enforced by the file. Extra open workouts
    (all but each lifter's newest) are first closed at their last set (at their start
    when they have none), then a partial unique index keeps it so."""
    db.executescript(
        """
        UPDATE workouts SET ended_at = coalesce(
            (SELECT max(s.logged_at) FROM sets s WHERE s.workout_id = workouts.id), started_at)
        WHERE ended_at IS NULL AND id != (
            SELECT w.id FROM workouts w WHERE w.profile_id = workouts.profile_id AND w.ended_at IS NULL
            ORDER BY w.started_at DESC, w.id DESC LIMIT 1);
        CREATE UNIQUE INDEX idx_workouts_one_open ON workouts(profile_id) WHERE ended_at IS NULL;
        """
    )


@migrations()
def m010_load_share(db: Database) -> None:
    """Issue 16: a bodyweight move counts the share of body weight it lifts (all of it on
    a pull-up, about 68% on a back extension, none on a band pull-apart), kept with each
    exercise (NULL: all of it; Store.sync_catalog writes the catalog's shares and
    re-summarises what they change). The summary triggers and the data views read it.
    Self-contained, so renumbering it is a rename."""
    from backtui.storage.summaries import rebuild_sql, volume_sql

    volume = volume_sql("s.weight_kg", "s.reps", "s.bodyweight_kg", "s.exercise_id")
    db.executescript(
        f"""
        ALTER TABLE exercises ADD COLUMN load_share REAL CHECK (load_share IS NULL OR load_share BETWEEN 0 AND 1);
        {rebuild_sql()}

        DROP VIEW weekly_volume;
        CREATE VIEW weekly_volume AS
        SELECT
            p.name AS profile,
            date(s.logged_at, 'weekday 0', '-6 days') AS week,
            e.region,
            count(*) AS working_sets,
            round(coalesce(sum({volume}), 0), 1) AS volume_kg
        FROM sets s
        JOIN exercises e ON e.id = s.exercise_id
        JOIN profiles p ON p.id = s.profile_id
        WHERE s.kind != 'warmup' AND e.pattern != 'stretch'
        GROUP BY p.name, week, e.region;

        DROP VIEW workout_summary;
        CREATE VIEW workout_summary AS
        SELECT
            w.id AS workout_id,
            p.name AS profile,
            w.started_at,
            w.ended_at,
            CAST(round((julianday(w.ended_at) - julianday(w.started_at)) * 1440) AS INTEGER) AS minutes,
            w.routine_slug AS routine,
            w.routine_name,
            w.source,
            w.note,
            count(s.id) AS sets,
            coalesce(sum(s.kind != 'warmup'), 0) AS working_sets,
            round(coalesce(sum(CASE WHEN s.kind != 'warmup' THEN {volume} END), 0), 1) AS volume_kg,
            coalesce(sum(s.straps), 0) AS strap_sets
        FROM workouts w
        JOIN profiles p ON p.id = w.profile_id
        LEFT JOIN sets s ON s.workout_id = w.id
        GROUP BY w.id;
        """
    )


def migrate(db: Database) -> None:
    """Apply pending migrations in one write transaction (safe with two starters)."""
    conn = db.conn
    if conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION:
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        # Read again under the write lock: a newer backtui may have got there first.
        found = conn.execute("PRAGMA user_version").fetchone()[0]
        if found >= SCHEMA_VERSION:
            conn.execute("COMMIT")
            if found > SCHEMA_VERSION:
                raise StorageError(f"the database was written by a newer backtui (schema {found}, "
                                   f"this one knows {SCHEMA_VERSION}): upgrade backtui")
            return
        if found:  # an existing database: keep a copy of it as it was (backups.py)
            from backtui.storage.backups import snapshot_before

            snapshot_before(conn, "before-migration")
        migrations.apply(db)
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
