-- Guildhall's secret ballot box, kept out of the process engine's tables.
-- Secrecy by construction: gh_voter_mark says WHO voted (no choice, no time); gh_ballot says HOW
-- someone voted (no member, no time, random id). Nothing joins the two.

-- A roll uploaded for a case's next member vote, before the ballot is prepared.
create table gh_roll_upload (
    case_id        varchar(64)  not null primary key,
    roll_hash      char(64)     not null,
    eligible       integer      not null check (eligible >= 0),
    entries        integer      not null check (entries >= 0),
    uploaded_at    timestamp    not null,
    uploaded_by    varchar(64)  not null
);

create table gh_roll_upload_entry (
    case_id        varchar(64)  not null references gh_roll_upload (case_id) on delete cascade,
    member_id      varchar(64)  not null,
    name           varchar(200) not null,
    good_standing  boolean      not null,
    primary key (case_id, member_id)
);

-- One member vote (strike authorization or ratification) with its frozen roll.
create table gh_vote (
    id                 varchar(36)   not null primary key,
    case_id            varchar(64)   not null,
    process_instance_id varchar(64)  not null unique,
    question           varchar(2000) not null,
    window_start       timestamp     not null,
    window_end         timestamp     not null,
    roll_hash          char(64)      not null,
    eligible           integer       not null check (eligible >= 0),
    state              varchar(16)   not null check (state in ('PREPARED', 'OPEN', 'CLOSED')),
    credentials_issued_at timestamp,
    credentials_issued_by varchar(64),
    yes_count          integer,
    no_count           integer,
    abstain_count      integer,
    spoiled_count      integer,
    check (window_end > window_start)
);
create index gh_vote_case on gh_vote (case_id);

create table gh_roll_entry (
    vote_id        varchar(36)  not null references gh_vote (id),
    member_id      varchar(64)  not null,
    name           varchar(200) not null,
    eligible       boolean      not null,
    primary key (vote_id, member_id)
);

-- One one-time credential per eligible member, kept only as the SHA-256 of the token.
create table gh_credential (
    vote_id        varchar(36)  not null references gh_vote (id),
    member_id      varchar(64)  not null,
    token_hash     char(64)     not null unique,
    primary key (vote_id, member_id),
    foreign key (vote_id, member_id) references gh_roll_entry (vote_id, member_id)
);

-- Who has voted: the primary key is what stops a second ballot.
create table gh_voter_mark (
    vote_id        varchar(36)  not null,
    member_id      varchar(64)  not null,
    primary key (vote_id, member_id),
    foreign key (vote_id, member_id) references gh_credential (vote_id, member_id)
);

-- How people voted: no member id, no timestamp, a random id; the receipt is kept as a hash.
create table gh_ballot (
    id             varchar(36)  not null primary key,
    vote_id        varchar(36)  not null references gh_vote (id),
    choice         varchar(8)   not null check (choice in ('YES', 'NO', 'ABSTAIN')),
    receipt_hash   char(64)     not null unique
);
create index gh_ballot_vote on gh_ballot (vote_id, choice);

-- Turnout over time for the vote page's chart: counts only, never choices.
create table gh_turnout_sample (
    vote_id        varchar(36)  not null references gh_vote (id),
    sampled_at     timestamp    not null,
    cast_count     integer      not null,
    primary key (vote_id, sampled_at)
);
