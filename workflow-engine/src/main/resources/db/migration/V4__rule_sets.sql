-- Guildhall's rule-set versions (V3 is left to another branch). Each row is one version of a rule
-- set: its parameters, the DMN XML deployed for it (in a Camunda deployment of its own, decisions
-- tagged '<rule_set_key>:<version>'), and its approval. A version is usable for new live cases only
-- once APPROVED, by a rules modeler other than its author (shipped versions: by 'system' at start-up).
create table gh_rule_set_version (
    rule_set_key   varchar(64)   not null,
    version        integer       not null check (version > 0),
    name           varchar(200)  not null,
    citation       varchar(2000) not null,
    parameters     text          not null,
    dmn_xml        text          not null,
    dmn_sha256     char(64)      not null,
    source         varchar(16)   not null check (source in ('SHIPPED', 'PARAMETERS', 'UPLOAD')),
    state          varchar(16)   not null check (state in ('PENDING_APPROVAL', 'APPROVED')),
    created_by     varchar(64)   not null,
    created_at     timestamp with time zone not null,
    approved_by    varchar(64),
    approved_at    timestamp with time zone,
    deployment_id  varchar(64)   not null,
    primary key (rule_set_key, version),
    -- separation of duties: nobody approves their own version (shipped ones: system approves system)
    check (state = 'PENDING_APPROVAL' or (approved_by is not null and approved_at is not null)),
    check (state = 'APPROVED' or (approved_by is null and approved_at is null)),
    check (source = 'SHIPPED' or approved_by is null or approved_by <> created_by)
);
create index gh_rule_set_version_state on gh_rule_set_version (rule_set_key, state, version);
