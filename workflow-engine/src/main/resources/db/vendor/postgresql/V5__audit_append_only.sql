-- PostgreSQL only: the audit trail refuses UPDATE, DELETE and TRUNCATE, whoever asks. Someone who
-- can switch triggers off (a superuser: session_replication_role = replica) still can change rows;
-- the hash chain is what shows it (see AuditVerifier).
create function audit_event_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_event is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
end
$$;

create trigger audit_event_no_change before update or delete on audit_event
    for each row execute function audit_event_append_only();
create trigger audit_event_no_truncate before truncate on audit_event
    for each statement execute function audit_event_append_only();
