-- Guildhall's audit trail: append-only, hash-chained, kept apart from Camunda's ACT_HI_* tables so
-- that history cleanup never removes it.

-- One row per event. hash = SHA-256 over the canonical JSON of the row (see CanonicalJson), which
-- includes prev_hash, the hash of the row before it (64 zeros for the first row).
create table audit_event (
    seq          bigint        not null primary key check (seq > 0),
    occurred_at  timestamp with time zone not null,
    kind         varchar(40)   not null,
    case_id      varchar(64),
    actor        varchar(64)   not null,
    subject      varchar(255),
    data         text          not null,
    prev_hash    char(64)      not null,
    hash         char(64)      not null unique
);
create index audit_event_case on audit_event (case_id, seq);
create index audit_event_kind on audit_event (kind, seq);

-- The end of the chain: the one row every append locks, so appends from several transactions
-- (and several nodes) form one chain; it also lets the verifier see rows cut off its end.
create table audit_chain_head (
    id           integer       not null primary key check (id = 1),
    last_seq     bigint        not null check (last_seq >= 0),
    last_hash    char(64)      not null
);
insert into audit_chain_head (id, last_seq, last_hash)
    values (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- A search index over the trail's cases (derived from CASE_STARTED / CASE_ENDED events, written in
-- the same transaction); it too outlives Camunda's history.
create table audit_case (
    case_id           varchar(64)   not null primary key,
    business_key      varchar(255),
    title             varchar(500)  not null,
    process_definition_id varchar(64),
    rule_set_key      varchar(64),
    rule_set_version  integer,
    status            varchar(32)   not null,
    started_at        timestamp with time zone not null,
    started_by        varchar(64)   not null,
    ended_at          timestamp with time zone
);
create index audit_case_started on audit_case (started_at);
