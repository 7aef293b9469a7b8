-- PostgreSQL only: "word like 'strik%'" can read a range of a b-tree index only when the index
-- compares bytes (collation "C"); under a language collation (e.g. en_US.UTF-8, the usual default)
-- every search would read the whole table. The words are compared for equality and prefixes
-- only, never sorted for display, so "C" loses nothing. The table is still empty here (V9 fills
-- it), so rebuilding its primary key costs nothing.
alter table audit_word alter column word type varchar(64) collate "C";
