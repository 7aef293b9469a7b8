-- The words of each case for the auditor's search (AuditTrail.cases): the distinct words
-- (SearchWords: lower case, split at anything not a letter or digit, at most 64 characters) of the
-- case's title, business key and the data of every event of the case. A query word matches a case
-- when it is the start of one of its words: "word like 'strik%'", a range of the primary key.
-- Written with the events, in the same transaction (AuditTrail.append); rows that existed before
-- this table are indexed by V9__audit_words_backfill.
--
-- A derived index, insert-only like the rest of the trail, but not evidence: it holds nothing the
-- hash-chained audit_event rows do not, and can be rebuilt from them. So it gets no append-only
-- trigger (db/vendor/postgresql/V5 guards audit_event only; nothing there grants or revokes per
-- table): a later change of the words must be able to rebuild it, and a changed row could only
-- change what a search finds, never what the verifier checks.
create table audit_word (
    word     varchar(64)  not null,
    case_id  varchar(64)  not null,
    primary key (word, case_id)
);
