-- Lockouts (issue 8): wrong passwords and wrong codes are counted apart, each in the account's row;
-- each lockout lasts longer than the one before it, up to a maximum, and the escalation is forgotten
-- after a quiet period. A lockout of codes may be made permanent, lifted by an administrator only.
alter table account add column code_lockouts integer default 0 not null;
alter table account add column locked_permanently boolean default false not null;
alter table account add column failed_passwords integer default 0 not null;
alter table account add column password_lockouts integer default 0 not null;
alter table account add column password_wait_until timestamp(6) with time zone;
