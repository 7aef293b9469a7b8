-- Process variants run simulated cases in Camunda tenant 'sandbox'. The trail records every
-- process (the sandbox's too); the case index keeps the tenant so that sandbox cases are marked
-- and can be filtered. Live cases have no tenant (null).
alter table audit_case add column tenant_id varchar(64);
create index audit_case_tenant on audit_case (tenant_id);
